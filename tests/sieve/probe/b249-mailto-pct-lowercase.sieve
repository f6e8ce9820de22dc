require "enotify";
notify "mailto:a@example.org?subject=%e2%82%ac";
