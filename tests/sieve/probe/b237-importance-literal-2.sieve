require "enotify";
notify :importance "2" "mailto:a@example.org";
