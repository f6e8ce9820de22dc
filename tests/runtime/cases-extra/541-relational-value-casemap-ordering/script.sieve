# purpose: relational :value ordering of i;ascii-casemap (upper-case mapping, RFC 4790 9.2) vs i;octet
require ["relational", "fileinto"];
if header :value "gt" "X-Under" "a" {
  fileinto "underscore-gt-a-casemap-yes";
} else {
  fileinto "underscore-gt-a-casemap-no";
}
if header :value "gt" :comparator "i;octet" "X-Under" "a" {
  fileinto "underscore-gt-a-octet-yes";
} else {
  fileinto "underscore-gt-a-octet-no";
}
if header :value "lt" :comparator "i;octet" "X-B" "a" {
  fileinto "B-lt-a-octet-yes";
} else {
  fileinto "B-lt-a-octet-no";
}
if header :value "lt" "X-B" "a" {
  fileinto "B-lt-a-casemap-yes";
} else {
  fileinto "B-lt-a-casemap-no";
}
if header :value "eq" "X-B" "b" {
  fileinto "b-eq-B-casemap-yes";
} else {
  fileinto "b-eq-B-casemap-no";
}
if header :value "ne" :comparator "i;octet" "X-B" "b" {
  fileinto "b-ne-B-octet-yes";
} else {
  fileinto "b-ne-B-octet-no";
}
if header :value "lt" "X-Abc" "abcd" {
  fileinto "abc-lt-abcd-yes";
} else {
  fileinto "abc-lt-abcd-no";
}
if header :value "gt" "X-Abc" "AB" {
  fileinto "abc-gt-ab-yes";
} else {
  fileinto "abc-gt-ab-no";
}
if header :value "lt" "X-Ten" "9" {
  fileinto "10-lt-9-string-yes";
} else {
  fileinto "10-lt-9-string-no";
}
if header :value "lt" "X-Empty" "a" {
  fileinto "empty-lt-a-yes";
} else {
  fileinto "empty-lt-a-no";
}
