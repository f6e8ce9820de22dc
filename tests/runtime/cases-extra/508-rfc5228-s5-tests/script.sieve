# purpose: RFC 5228 section 5 test examples (envelope case, exists lists, size suffixes)
require ["fileinto", "envelope"];
if envelope :all :is "from" "tim@example.com" {
  fileinto "env-from-tim-yes";
} else {
  fileinto "env-from-tim-no";
}
if exists ["From","Date"] {
  fileinto "exists-from-date-yes";
} else {
  fileinto "exists-from-date-no";
}
if exists ["From","X-Nope"] {
  fileinto "exists-from-nope-yes";
} else {
  fileinto "exists-from-nope-no";
}
if size :over 500K {
  fileinto "size-over-500K-yes";
} else {
  fileinto "size-over-500K-no";
}
if size :under 1k {
  fileinto "size-under-1k-yes";
} else {
  fileinto "size-under-1k-no";
}
if allof (header :contains "From" "Cheney", header :contains "Subject" "Fishing") {
  fileinto "allof-cheney-yes";
} else {
  fileinto "allof-cheney-no";
}
if anyof (header :contains "From" "Cheney", header :contains "Subject" "Fishing") {
  fileinto "anyof-cheney-yes";
} else {
  fileinto "anyof-cheney-no";
}
if not exists "X-Nope" {
  fileinto "not-exists-yes";
} else {
  fileinto "not-exists-no";
}
if true {
  fileinto "true-yes";
} else {
  fileinto "true-no";
}
if false {
  fileinto "false-yes";
} else {
  fileinto "false-no";
}
