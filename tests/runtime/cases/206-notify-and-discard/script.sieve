require ["enotify"];
notify "mailto:alerts@example.net";
discard;
