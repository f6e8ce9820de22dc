require "enotify";
notify "mailto:john%20smith@example.org";
