require ["fileinto"];
if header :is "X-Not-There" "" {
  fileinto "missing-yes";
} else {
  fileinto "missing-no";
}
if not header :is "X-Not-There" "" {
  fileinto "not-missing-yes";
} else {
  fileinto "not-missing-no";
}
if header :is "X-Empty" "" {
  fileinto "exists-empty-yes";
} else {
  fileinto "exists-empty-no";
}
