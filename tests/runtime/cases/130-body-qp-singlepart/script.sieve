require ["fileinto", "body"];
if body :text :contains "naïve déjà vu" {
  fileinto "text-yes";
} else {
  fileinto "text-no";
}
if body :raw :contains "na=C3=AFve" {
  fileinto "raw-yes";
} else {
  fileinto "raw-no";
}
