require ["fileinto"];
if address :is "Resent-To" "x@example.net" {
  fileinto "resent-to-yes";
} else {
  fileinto "resent-to-no";
}
if address :is "Delivered-To" "bob@example.org" {
  fileinto "delivered-to-yes";
} else {
  fileinto "delivered-to-no";
}
if address :domain :is "X-Original-To" "example.org" {
  fileinto "x-original-to-yes";
} else {
  fileinto "x-original-to-no";
}
