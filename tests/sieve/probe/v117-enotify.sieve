require ["enotify", "variables"];
notify :importance "1" :message "New mail from ${from}" "mailto:me@example.org";
notify :from "robot@example.org" :options ["opt=val"] "mailto:me@example.org?subject=hi";
notify "mailto:alice@example.org,bob@example.org";
if valid_notify_method ["mailto:x@example.org"] { keep; }
if notify_method_capability "mailto:x@example.org" "online" "maybe" { keep; }
set :encodeurl "enc" "a b&c";
notify :importance "3" "mailto:me@example.org?body=${enc}";
