# purpose: folded header lines are unfolded (CRLF removed, WSP kept)
require ["fileinto"];
if header :is "Subject" "A folded subject line here" {
  fileinto "unfolded-yes";
} else {
  fileinto "unfolded-no";
}
if header :contains "X-Long" "part one part two" {
  fileinto "unfolded-tab-yes";
} else {
  fileinto "unfolded-tab-no";
}
if header :contains "X-Long" "one	part" {
  fileinto "keeps-ws-yes";
} else {
  fileinto "keeps-ws-no";
}
