require "enotify";
notify :options "_x=1" "mailto:a@example.org";
