require "enotify";
notify "MAILTO:a@example.org";
