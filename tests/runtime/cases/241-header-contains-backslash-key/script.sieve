require ["fileinto"];
if header :contains "X-BS" "a\\b" {
  fileinto "key-backslash-yes";
} else {
  fileinto "key-backslash-no";
}
