require ["enotify", "variables"];
if header :matches "Subject" "*" { set :encodeurl "s" "${1}"; }
notify "mailto:alerts@example.net?subject=${s}";
