require "enotify";
notify "mailto:a@b.example?from=c@d.example";
