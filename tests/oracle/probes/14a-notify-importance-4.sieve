require "enotify";
notify :importance "4" "mailto:a@b";
