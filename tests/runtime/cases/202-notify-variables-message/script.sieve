require ["enotify", "variables"];
if header :matches "From" "*" { set "f" "${1}"; }
notify :message "Mail from ${f}" "mailto:alerts@example.net";
