require "enotify";
notify :options "=x" "mailto:a@example.org";
