require "enotify";
notify "mailto:a@example.org,b@example.org";
