require "enotify";
notify "mailto:a@example.org?subject=Alert&body=Check%20your%20mail";
notify :message "x" :importance "2" "mailto:a@example.org?cc=b@example.org";
