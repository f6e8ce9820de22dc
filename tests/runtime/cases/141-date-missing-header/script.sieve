require ["date", "fileinto"];
if date :is "date" "year" "2024" {
  fileinto "is-yes";
} else {
  fileinto "is-no";
}
if not date :matches "date" "year" "*" {
  fileinto "not-yes";
} else {
  fileinto "not-no";
}
