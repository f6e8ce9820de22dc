require "enotify";
if valid_notify_method { keep; }
