require "enotify";
notify "mailto:%22a%20b%22@example.org";
