# expect: 3:8: unsupported notification method 'xmpp'
require "enotify";
notify "xmpp:alice@example.org";
