require "enotify";
notify :options "a=" "mailto:a@b.example";
