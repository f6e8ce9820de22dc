require ["variables", "fileinto"];
if string :contains :comparator "i;octet" "" "" {
  fileinto "octet-empty-contains-yes";
} else {
  fileinto "octet-empty-contains-no";
}
if string :matches "abc" "" {
  fileinto "matches-empty-key-yes";
} else {
  fileinto "matches-empty-key-no";
}
if string :matches "" "" {
  fileinto "matches-empty-both-yes";
} else {
  fileinto "matches-empty-both-no";
}
