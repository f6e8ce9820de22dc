require ["enotify", "notify"];
