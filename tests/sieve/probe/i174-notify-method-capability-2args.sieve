require "enotify";
if notify_method_capability "mailto:a@b.example" "online" { keep; }
