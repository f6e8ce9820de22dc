require "enotify";
notify "mailto:a@example.org?cc=not an address";
