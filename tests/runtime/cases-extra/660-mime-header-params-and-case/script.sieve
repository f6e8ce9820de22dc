# purpose: header :mime :type/:subtype/:contenttype/:param on the top-level part, case and quoting
require ["mime", "fileinto", "variables"];
if header :mime :param "charset" "Content-Type" "us-ascii" {
  fileinto "charset-param-quoted-yes";
} else {
  fileinto "charset-param-quoted-no";
}
if header :mime :param "CHARSET" "Content-Type" "US-ASCII" {
  fileinto "charset-param-case-yes";
} else {
  fileinto "charset-param-case-no";
}
if header :mime :param "format" "Content-Type" "flowed" {
  fileinto "format-param-yes";
} else {
  fileinto "format-param-no";
}
if header :mime :param "nope" :matches "Content-Type" "*" {
  fileinto "missing-param-yes";
} else {
  fileinto "missing-param-no";
}
if header :mime :type "Content-Type" "TEXT" {
  fileinto "type-is-text-yes";
} else {
  fileinto "type-is-text-no";
}
if header :mime :subtype "Content-Type" "Plain" {
  fileinto "subtype-plain-yes";
} else {
  fileinto "subtype-plain-no";
}
if header :mime :contenttype "Content-Type" "text/plain" {
  fileinto "ct-whole-yes";
} else {
  fileinto "ct-whole-no";
}
if header :contains "Content-Type" "format=flowed" {
  fileinto "plain-header-full-yes";
} else {
  fileinto "plain-header-full-no";
}
if header :mime :param ["format", "charset"] :matches "Content-Type" "*" { fileinto "first-param=${1}"; }
