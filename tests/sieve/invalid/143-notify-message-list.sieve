# expect: 3:17: must be a string, not a string list
require "enotify";
notify :message ["a", "b"] "mailto:alice@example.org";
