# purpose: RFC 5183 environment: unknown item is false; items that exist everywhere
require ["environment", "fileinto", "relational"];
if environment :matches "x-no-such-item" "*" {
  fileinto "unknown-item-yes";
} else {
  fileinto "unknown-item-no";
}
if environment :matches "remote-ip" "*" {
  fileinto "remote-ip-unset-yes";
} else {
  fileinto "remote-ip-unset-no";
}
if environment :matches "name" "?*" {
  fileinto "name-exists-yes";
} else {
  fileinto "name-exists-no";
}
if environment :count "eq" "version" "1" {
  fileinto "version-nonempty-yes";
} else {
  fileinto "version-nonempty-no";
}
