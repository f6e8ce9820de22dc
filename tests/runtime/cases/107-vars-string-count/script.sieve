# purpose: RFC 5229: string :count ignores empty strings
require ["variables", "fileinto", "relational", "comparator-i;ascii-numeric"];
set "e" "";
if string :count "eq" :comparator "i;ascii-numeric" ["a", "${e}", "b"] "2" {
  fileinto "count-2-yes";
} else {
  fileinto "count-2-no";
}
if string :count "eq" :comparator "i;ascii-numeric" ["a", "${e}", "b"] "3" {
  fileinto "count-3-yes";
} else {
  fileinto "count-3-no";
}
