require "enotify";
notify :importance "1" :importance "2" "mailto:a@example.org";
