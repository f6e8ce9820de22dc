require ["fileinto"];
if size :over 100K {
  fileinto "over-100k-yes";
} else {
  fileinto "over-100k-no";
}
if size :under 1M {
  fileinto "under-1M-yes";
} else {
  fileinto "under-1M-no";
}
