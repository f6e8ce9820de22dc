require "enotify";
notify "sms:+15550100";
