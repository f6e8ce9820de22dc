# expect: 3:1: 'notify' needs 1 positional argument, 0 given
require "enotify";
notify :message "You have mail";
