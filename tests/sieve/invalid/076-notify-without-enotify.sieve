# expect: 2:1: requires the "enotify" extension
notify "mailto:alice@example.org";
