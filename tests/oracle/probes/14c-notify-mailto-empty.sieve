require "enotify";
notify "mailto:";
