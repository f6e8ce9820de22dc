# purpose: RFC 5228 2.7: comparators, ?*, empty header values, escaped wildcard
require ["fileinto"];
if header :comparator "i;octet" :contains "Subject" "MAKE MONEY FAST" {
  fileinto "octet-contains-upper-yes";
} else {
  fileinto "octet-contains-upper-no";
}
if header :comparator "i;ascii-casemap" :contains "Subject" "MAKE MONEY FAST" {
  fileinto "casemap-contains-upper-yes";
} else {
  fileinto "casemap-contains-upper-no";
}
if header :contains "Subject" "MAKE MONEY FAST" {
  fileinto "default-contains-upper-yes";
} else {
  fileinto "default-contains-upper-no";
}
if header :matches "Subject" "?*" {
  fileinto "matches-q-star-yes";
} else {
  fileinto "matches-q-star-no";
}
if header :matches "Subject" "make*fast" {
  fileinto "matches-inner-yes";
} else {
  fileinto "matches-inner-no";
}
if header :is "X-Empty" "" {
  fileinto "empty-is-empty-yes";
} else {
  fileinto "empty-is-empty-no";
}
if header :matches "X-Empty" "*" {
  fileinto "empty-matches-star-yes";
} else {
  fileinto "empty-matches-star-no";
}
if header :contains "X-Empty" "" {
  fileinto "empty-contains-empty-yes";
} else {
  fileinto "empty-contains-empty-no";
}
if header :contains "X-Missing" "" {
  fileinto "missing-contains-empty-yes";
} else {
  fileinto "missing-contains-empty-no";
}
if header :matches "X-Literal" "a\\*b" {
  fileinto "literal-star-yes";
} else {
  fileinto "literal-star-no";
}
if header :matches "X-Literal2" "a\\*b" {
  fileinto "literal-star-vs-x-yes";
} else {
  fileinto "literal-star-vs-x-no";
}
