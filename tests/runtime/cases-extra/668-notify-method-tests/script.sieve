# purpose: valid_notify_method lists and notify_method_capability details
require ["enotify", "fileinto"];
if valid_notify_method ["mailto:a@example.net", "mailto:b@example.net"] {
  fileinto "valid-mailto-list-yes";
} else {
  fileinto "valid-mailto-list-no";
}
if valid_notify_method ["mailto:a@example.net", "foo:bar"] {
  fileinto "valid-one-bad-yes";
} else {
  fileinto "valid-one-bad-no";
}
if valid_notify_method "mailto:a%40example.net" {
  fileinto "valid-mailto-encoded-yes";
} else {
  fileinto "valid-mailto-encoded-no";
}
if valid_notify_method "mailto:" {
  fileinto "valid-mailto-no-addr-yes";
} else {
  fileinto "valid-mailto-no-addr-no";
}
if valid_notify_method "mailto:not an address" {
  fileinto "valid-mailto-bad-addr-yes";
} else {
  fileinto "valid-mailto-bad-addr-no";
}
if notify_method_capability "mailto:a@example.net" "online" "maybe" {
  fileinto "cap-online-maybe-yes";
} else {
  fileinto "cap-online-maybe-no";
}
if notify_method_capability "mailto:a@example.net" "Online" "MAYBE" {
  fileinto "cap-online-case-yes";
} else {
  fileinto "cap-online-case-no";
}
if notify_method_capability "xyz:foo" "online" ["yes", "no", "maybe"] {
  fileinto "cap-unknown-method-yes";
} else {
  fileinto "cap-unknown-method-no";
}
