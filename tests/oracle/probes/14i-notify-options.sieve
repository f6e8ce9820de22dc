require "enotify";
notify :options ["a=b","x"] "mailto:a@b";
