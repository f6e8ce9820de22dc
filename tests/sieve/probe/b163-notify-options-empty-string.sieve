require "enotify";
notify :options "" "mailto:a@example.org";
