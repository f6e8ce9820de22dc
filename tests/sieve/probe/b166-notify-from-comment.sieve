require "enotify";
notify :from "robot@example.org (bot)" "mailto:a@example.org";
