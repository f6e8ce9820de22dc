require "enotify";
notify :from "bob" "mailto:a@b.example";
