# expect: 3:8: is not a URI
require "enotify";
notify "alice@example.org";
