require "enotify";
notify :options "1x=2" "mailto:a@example.org";
