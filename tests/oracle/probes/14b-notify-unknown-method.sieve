require "enotify";
notify "foo:bar";
