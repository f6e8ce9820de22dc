# purpose: RFC 5435 3.8: duplicate notifications (same method, different :message/:importance)
require ["enotify"];
notify :message "one" "mailto:a@example.net";
notify :message "two" "mailto:a@example.net";
notify :importance "1" "mailto:a@example.net";
notify "mailto:b@example.net";
notify "mailto:b@example.net";
