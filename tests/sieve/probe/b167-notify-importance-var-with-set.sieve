require ["enotify", "variables"];
set "imp" "2";
notify :importance "${imp}" "mailto:a@example.org";
