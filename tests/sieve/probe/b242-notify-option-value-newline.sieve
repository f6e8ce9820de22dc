require "enotify";
notify :options "a=b
c" "mailto:a@example.org";
