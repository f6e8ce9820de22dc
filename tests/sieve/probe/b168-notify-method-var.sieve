require ["enotify", "variables"];
set "m" "sms:1";
notify "${m}";
