require "enotify";
notify :message "x";
