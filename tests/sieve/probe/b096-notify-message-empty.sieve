require "enotify";
notify :message "" "mailto:a@b.example";
