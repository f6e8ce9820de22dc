# purpose: RFC 5231 section 6 examples verbatim (message from the RFC)
require ["relational", "comparator-i;ascii-numeric", "fileinto"];
if address :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] ["3"] {
  fileinto "addr-count-to-cc-ge-3-yes";
} else {
  fileinto "addr-count-to-cc-ge-3-no";
}
if anyof ( address :count "ge" :comparator "i;ascii-numeric" ["to"] ["3"], address :count "ge" :comparator "i;ascii-numeric" ["cc"] ["3"] ) {
  fileinto "anyof-separate-yes";
} else {
  fileinto "anyof-separate-no";
}
if header :count "ge" :comparator "i;ascii-numeric" ["received"] ["3"] {
  fileinto "received-count-ge-3-yes";
} else {
  fileinto "received-count-ge-3-no";
}
if header :count "ge" :comparator "i;ascii-numeric" ["received", "subject"] ["3"] {
  fileinto "received-subject-ge-3-yes";
} else {
  fileinto "received-subject-ge-3-no";
}
if header :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] ["3"] {
  fileinto "header-count-to-cc-ge-3-yes";
} else {
  fileinto "header-count-to-cc-ge-3-no";
}
