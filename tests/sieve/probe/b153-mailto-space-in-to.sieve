require "enotify";
notify "mailto:john smith@example.org";
