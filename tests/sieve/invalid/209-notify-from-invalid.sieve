# expect: 3:14: invalid :from address
require "enotify";
notify :from "nobody" "mailto:alice@example.org";
