# purpose: classic subject tagging: delete + add, then header tests see the new value
require ["editheader", "variables", "fileinto"];
if header :matches "Subject" "*" {
    set "orig" "${1}";
    deleteheader "Subject";
    addheader "Subject" "[EXT] ${orig}";
    addheader :last "X-Original-Subject" "${orig}";
}
if header :is "Subject" "[EXT] Quarterly report" {
  fileinto "new-subject-yes";
} else {
  fileinto "new-subject-no";
}
if not header :is "Subject" "Quarterly report" {
  fileinto "one-subject-yes";
} else {
  fileinto "one-subject-no";
}
if header :is "X-Original-Subject" "Quarterly report" {
  fileinto "orig-saved-yes";
} else {
  fileinto "orig-saved-no";
}
