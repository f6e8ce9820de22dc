require ["fileinto", "body"];
if body :text :contains "Hello there" {
  fileinto "text-word-yes";
} else {
  fileinto "text-word-no";
}
if body :text :contains "<p>" {
  fileinto "text-tag-yes";
} else {
  fileinto "text-tag-no";
}
if body :raw :contains "<p>" {
  fileinto "raw-tag-yes";
} else {
  fileinto "raw-tag-no";
}
