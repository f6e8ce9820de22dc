require ["fileinto"];
if size :over 1K {
  fileinto "over-1k-yes";
} else {
  fileinto "over-1k-no";
}
if size :under 1K {
  fileinto "under-1k-yes";
} else {
  fileinto "under-1k-no";
}
if size :over 100 {
  fileinto "over-100-yes";
} else {
  fileinto "over-100-no";
}
if size :under 1M {
  fileinto "under-1M-yes";
} else {
  fileinto "under-1M-no";
}
if size :over 1m {
  fileinto "over-1m-lc-yes";
} else {
  fileinto "over-1m-lc-no";
}
