require "enotify";
notify :importance 1 "mailto:a@b.example";
