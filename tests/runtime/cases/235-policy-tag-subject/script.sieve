require ["editheader", "variables", "fileinto"];
if header :matches "Subject" "*" { set "s" "${1}"; }
deleteheader "Subject";
addheader :last "Subject" "[EXTERNAL] ${s}";
if header :is "Subject" "[EXTERNAL] Quarterly report" {
  fileinto "tagged-yes";
} else {
  fileinto "tagged-no";
}
