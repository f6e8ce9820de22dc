require "enotify";
if valid_notify_method "mailto:john smith@example.org" { keep; }
