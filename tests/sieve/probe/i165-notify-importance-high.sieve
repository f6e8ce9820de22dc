require "enotify";
notify :importance "high" "mailto:a@b.example";
