require "enotify";
notify "mailto:a@example.org?body=hello world";
