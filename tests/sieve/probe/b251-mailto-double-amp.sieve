require "enotify";
notify "mailto:a@example.org?subject=x&&body=y";
