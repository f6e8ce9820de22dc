require "enotify";
notify "mailto:johnsmith";
