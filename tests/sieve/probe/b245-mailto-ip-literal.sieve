require "enotify";
notify "mailto:a@[192.0.2.1]";
