require "ihave";
if ihave "fileinto" {
  fileinto "Somewhere";
} elsif ihave ["vacation", "reject"] {
  keep;
} else {
  error "no fileinto here";
}
