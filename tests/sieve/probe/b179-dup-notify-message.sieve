require "enotify";
notify :message "a" :message "b" "mailto:a@example.org";
