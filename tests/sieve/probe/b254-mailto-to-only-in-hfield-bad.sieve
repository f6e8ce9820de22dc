require "enotify";
notify "mailto:?to=bad";
