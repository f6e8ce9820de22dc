require ["enotify", "fileinto"];
if valid_notify_method "mailto:x@example.net" {
  fileinto "valid-mailto-yes";
} else {
  fileinto "valid-mailto-no";
}
if valid_notify_method "xmpp:x@example.net" {
  fileinto "valid-xmpp-yes";
} else {
  fileinto "valid-xmpp-no";
}
if notify_method_capability "mailto:x@example.net" "online" "maybe" {
  fileinto "online-yes";
} else {
  fileinto "online-no";
}
