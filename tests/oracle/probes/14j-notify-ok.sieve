require "enotify";
notify :importance "1" :message "m" :from "a@b" "mailto:c@d";
