require "enotify";
notify "mailto:a@example.org?";
