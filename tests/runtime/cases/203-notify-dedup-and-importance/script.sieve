require ["enotify"];
notify "mailto:alerts@example.net";
notify "mailto:alerts@example.net";
notify :importance "3" "mailto:low@example.net";
