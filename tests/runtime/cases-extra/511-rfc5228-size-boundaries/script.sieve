# purpose: size with K/M/G suffixes on a ~1.4 KB message
require ["fileinto"];
if size :over 0 {
  fileinto "over-0-yes";
} else {
  fileinto "over-0-no";
}
if size :under 0 {
  fileinto "under-0-yes";
} else {
  fileinto "under-0-no";
}
if size :over 1K {
  fileinto "over-1K-yes";
} else {
  fileinto "over-1K-no";
}
if size :under 2K {
  fileinto "under-2K-yes";
} else {
  fileinto "under-2K-no";
}
if size :under 1M {
  fileinto "under-1M-yes";
} else {
  fileinto "under-1M-no";
}
if size :over 1G {
  fileinto "over-1G-yes";
} else {
  fileinto "over-1G-no";
}
if not size :over 1k {
  fileinto "not-over-1k-yes";
} else {
  fileinto "not-over-1k-no";
}
