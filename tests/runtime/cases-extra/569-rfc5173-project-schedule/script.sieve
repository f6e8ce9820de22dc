# purpose: RFC 5173 example 1: phrase broken over a line in text/plain; HTML part
require ["body", "fileinto"];
# Save messages mentioning the project schedule in the
# project/schedule folder.
if body :text :contains "project schedule" {
    fileinto "project/schedule";
}
if body :text :contains "project" {
  fileinto "text-contains-project-yes";
} else {
  fileinto "text-contains-project-no";
}
if body :text :contains "missile&coordinates" {
  fileinto "html-missile-amp-yes";
} else {
  fileinto "html-missile-amp-no";
}
if body :content "text/html" :contains "<b>project</b>" {
  fileinto "content-html-raw-tag-yes";
} else {
  fileinto "content-html-raw-tag-no";
}
