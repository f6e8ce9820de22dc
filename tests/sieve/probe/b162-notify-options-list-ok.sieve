require "enotify";
notify :options ["a=1", "b.c-d_e=xyz"] "mailto:a@example.org";
