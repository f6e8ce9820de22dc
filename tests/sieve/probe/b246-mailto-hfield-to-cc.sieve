require "enotify";
notify "mailto:a@example.org?to=b@example.org&cc=c@example.org";
