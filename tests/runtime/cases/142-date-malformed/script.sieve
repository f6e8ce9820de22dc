require ["date", "fileinto", "variables"];
if date :matches "date" "year" "*" {
  fileinto "any-yes";
} else {
  fileinto "any-no";
}
if header :matches "Date" "*" { fileinto "raw=${1}"; }
