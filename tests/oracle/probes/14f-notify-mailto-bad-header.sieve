require "enotify";
notify "mailto:a@b?from=x@y";
