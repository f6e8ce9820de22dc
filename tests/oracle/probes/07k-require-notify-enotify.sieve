require ["notify","enotify"];
