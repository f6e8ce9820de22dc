require "fileinto";
if header :contains "subject" "line one
line two" {
  fileinto "Multi
Line";
}
