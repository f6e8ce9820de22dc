require "enotify";
notify "mailto:a+tag@example.org";
