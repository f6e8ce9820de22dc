require "enotify";
notify "mailto:a@example.org?body=%00";
