require "enotify";
notify "mailto:a@example.org%2Cb@example.org";
