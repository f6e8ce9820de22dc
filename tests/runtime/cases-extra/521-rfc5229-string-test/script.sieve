# purpose: RFC 5229 5 string test: lists, :count skips empty strings, relational
require ["fileinto", "variables", "relational", "comparator-i;ascii-numeric"];
set "state" "${state} pending";
if string :matches " ${state} " "* pending *" { fileinto "always-true"; }
if string :is ["a", "b", "c"] "b" {
  fileinto "list-source-any-yes";
} else {
  fileinto "list-source-any-no";
}
if string :contains ["alpha", "beta"] ["x", "et"] {
  fileinto "list-both-yes";
} else {
  fileinto "list-both-no";
}
if string :count "eq" :comparator "i;ascii-numeric" ["a", "", "c", ""] "2" {
  fileinto "count-nonempty-yes";
} else {
  fileinto "count-nonempty-no";
}
if string :value "gt" :comparator "i;ascii-numeric" "10" "9" {
  fileinto "value-gt-numeric-yes";
} else {
  fileinto "value-gt-numeric-no";
}
if string :value "gt" "10" "9" {
  fileinto "value-gt-casemap-yes";
} else {
  fileinto "value-gt-casemap-no";
}
if string :is "" "" {
  fileinto "empty-is-empty-yes";
} else {
  fileinto "empty-is-empty-no";
}
if string :matches "" "*" {
  fileinto "empty-matches-star-yes";
} else {
  fileinto "empty-matches-star-no";
}
if string :contains "" "" {
  fileinto "empty-contains-empty-yes";
} else {
  fileinto "empty-contains-empty-no";
}
if string :is "${nothing}" "" {
  fileinto "unset-var-is-empty-yes";
} else {
  fileinto "unset-var-is-empty-no";
}
