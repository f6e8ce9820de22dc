# purpose: defaults when Content-Type is missing
require ["mime", "fileinto"];
if header :mime :type "Content-Type" "text" {
  fileinto "default-text-yes";
} else {
  fileinto "default-text-no";
}
if header :mime :contenttype "Content-Type" "text/plain" {
  fileinto "default-plain-yes";
} else {
  fileinto "default-plain-no";
}
