require ["enotify", "variables"];
set "f" "bad";
notify :from "${f}" "mailto:a@example.org";
