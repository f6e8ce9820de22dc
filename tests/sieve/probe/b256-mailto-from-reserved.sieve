require "enotify";
notify "mailto:a@example.org?from=x@example.org&subject=s";
