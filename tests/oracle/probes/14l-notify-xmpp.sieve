require "enotify";
notify "xmpp:a@b";
