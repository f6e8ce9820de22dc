require "enotify";
notify :options "x.y-z_1=" "mailto:a@example.org";
