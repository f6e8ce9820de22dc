require "enotify";
denotify;
