# purpose: valid_notify_method must check mailto URI syntax (RFC 5435 8.1, RFC 6068 2)
require ["enotify", "fileinto"];
if valid_notify_method "mailto:foo" {
  fileinto "no-at-yes";
} else {
  fileinto "no-at-no";
}
if valid_notify_method "mailto:a b@example.net" {
  fileinto "space-in-local-yes";
} else {
  fileinto "space-in-local-no";
}
if valid_notify_method "mailto:a@@example.net" {
  fileinto "double-at-yes";
} else {
  fileinto "double-at-no";
}
if valid_notify_method "mailto:a@example.net?bad header=x" {
  fileinto "bad-hname-yes";
} else {
  fileinto "bad-hname-no";
}
if valid_notify_method "mailto:?subject=x" {
  fileinto "only-hfields-yes";
} else {
  fileinto "only-hfields-no";
}
if valid_notify_method "mailto:?to=a@example.net" {
  fileinto "to-hfield-yes";
} else {
  fileinto "to-hfield-no";
}
if valid_notify_method "MAILTO:a@example.net" {
  fileinto "upper-scheme-yes";
} else {
  fileinto "upper-scheme-no";
}
if valid_notify_method "mailto:a@example.net%2Cb@example.net" {
  fileinto "two-recipients-encoded-yes";
} else {
  fileinto "two-recipients-encoded-no";
}
