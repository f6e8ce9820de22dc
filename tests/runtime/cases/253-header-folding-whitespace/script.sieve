# purpose: unfolding: CRLF removed, a TAB starting the continuation line becomes a space
require ["fileinto"];
if header :is "X-A" "a 	b" {
  fileinto "tabtab-first-tab-to-space-yes";
} else {
  fileinto "tabtab-first-tab-to-space-no";
}
if header :is "X-A" "a		b" {
  fileinto "tabtab-both-kept-yes";
} else {
  fileinto "tabtab-both-kept-no";
}
if header :is "X-B" "a  b" {
  fileinto "spaces-kept-yes";
} else {
  fileinto "spaces-kept-no";
}
if header :is "X-C" "a 	b" {
  fileinto "space-tab-kept-yes";
} else {
  fileinto "space-tab-kept-no";
}
if header :is "X-D" "a	b" {
  fileinto "inner-tab-yes";
} else {
  fileinto "inner-tab-no";
}
if header :is "X-E" "lead" {
  fileinto "lead-tab-trimmed-yes";
} else {
  fileinto "lead-tab-trimmed-no";
}
if header :is "X-F" "trail" {
  fileinto "trail-ws-trimmed-yes";
} else {
  fileinto "trail-ws-trimmed-no";
}
