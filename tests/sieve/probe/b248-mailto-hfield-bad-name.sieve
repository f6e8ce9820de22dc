require "enotify";
notify "mailto:a@example.org?bad%20name=x";
