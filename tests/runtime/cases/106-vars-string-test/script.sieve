require ["variables", "fileinto"];
set "x" "Value";
if string :is "${x}" "value" {
  fileinto "is-yes";
} else {
  fileinto "is-no";
}
if string :is :comparator "i;octet" "${x}" "value" {
  fileinto "octet-yes";
} else {
  fileinto "octet-no";
}
if string :is :comparator "i;ascii-casemap" "${x}" "value" {
  fileinto "explicit-casemap-yes";
} else {
  fileinto "explicit-casemap-no";
}
if string :is "Value" "value" {
  fileinto "literal-is-yes";
} else {
  fileinto "literal-is-no";
}
if string :is "${undefined}" "" {
  fileinto "empty-yes";
} else {
  fileinto "empty-no";
}
if string :contains ["${x}", "zz"] "lu" {
  fileinto "contains-list-yes";
} else {
  fileinto "contains-list-no";
}
if string :matches "${x}" "V*e" {
  fileinto "matches-yes";
} else {
  fileinto "matches-no";
}
