# purpose: imap4flags on a variable: setflag/addflag/removeflag (case-insensitive), hasflag forms
require ["imap4flags", "fileinto", "variables", "relational", "comparator-i;ascii-numeric"];
setflag "v" "A B";
addflag "v" "C";
removeflag "v" "a";
fileinto :flags "${v}" "f1";
if hasflag "v" "B" {
  fileinto "hasflag-b-yes";
} else {
  fileinto "hasflag-b-no";
}
if hasflag "v" "A" {
  fileinto "hasflag-a-yes";
} else {
  fileinto "hasflag-a-no";
}
if hasflag :count "eq" :comparator "i;ascii-numeric" "v" "2" {
  fileinto "hasflag-count-2-yes";
} else {
  fileinto "hasflag-count-2-no";
}
if hasflag :matches "v" "?" {
  fileinto "hasflag-matches-yes";
} else {
  fileinto "hasflag-matches-no";
}
if hasflag :count "eq" :comparator "i;ascii-numeric" "0" {
  fileinto "hasflag-internal-empty-yes";
} else {
  fileinto "hasflag-internal-empty-no";
}
if hasflag ["nosuch", "v"] "C" {
  fileinto "hasflag-list-yes";
} else {
  fileinto "hasflag-list-no";
}
if hasflag :contains "v" ["x", "C"] {
  fileinto "hasflag-contains-key-list-yes";
} else {
  fileinto "hasflag-contains-key-list-no";
}
