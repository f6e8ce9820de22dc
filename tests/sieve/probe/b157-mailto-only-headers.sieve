require "enotify";
notify "mailto:?to=a@example.org";
