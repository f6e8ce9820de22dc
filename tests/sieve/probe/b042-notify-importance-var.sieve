require ["enotify", "variables"];
set "i" "5";
notify :importance "${i}" "mailto:a@b.example";
