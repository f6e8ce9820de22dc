# purpose: notify does not affect implicit keep; fileinto + discard
require ["enotify", "fileinto"];
notify :importance "2" :message "filed" "mailto:me@example.org";
fileinto "Filed";
discard;
