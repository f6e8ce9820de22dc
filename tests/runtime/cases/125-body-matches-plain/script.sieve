require ["fileinto", "body"];
if body :matches "*numbers below*" {
  fileinto "whole-yes";
} else {
  fileinto "whole-no";
}
if body :matches "numbers*" {
  fileinto "anchored-yes";
} else {
  fileinto "anchored-no";
}
