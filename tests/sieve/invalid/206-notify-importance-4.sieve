# expect: 3:20: importance must be "1" (high)
require "enotify";
notify :importance "4" "mailto:alice@example.org";
