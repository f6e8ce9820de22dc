require "enotify";
if notify_method_capability :is "mailto:a@b.example" "Online" ["yes", "maybe"] { keep; }
