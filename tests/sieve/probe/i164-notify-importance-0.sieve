require "enotify";
notify :importance "0" "mailto:a@b.example";
