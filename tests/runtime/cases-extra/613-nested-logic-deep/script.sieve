# purpose: deeply nested allof/anyof/not
require ["fileinto"];
if allof (anyof (false, not not true), not anyof (false, not true)) {
  fileinto "n1-yes";
} else {
  fileinto "n1-no";
}
if anyof (allof (true, false), allof (not false, anyof (false, header :contains "Subject" "report"))) {
  fileinto "n2-yes";
} else {
  fileinto "n2-no";
}
if not allof (true, anyof (false, not exists "From")) {
  fileinto "n3-yes";
} else {
  fileinto "n3-no";
}
if allof (anyof (header :is "X-A" "1", header :is "X-A" "2"), not header :is "X-A" "3") {
  fileinto "n4-yes";
} else {
  fileinto "n4-no";
}
if anyof (not anyof (not allof (true))) {
  fileinto "n5-yes";
} else {
  fileinto "n5-no";
}
