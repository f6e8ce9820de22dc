require "enotify";
notify :options "novalue" "mailto:a@b.example";
