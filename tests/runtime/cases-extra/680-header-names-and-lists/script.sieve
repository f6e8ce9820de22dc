# purpose: header test with name/key lists, Received unfolding
require ["fileinto"];
if header :is ["X-Nope", "SUBJECT", "x-nope2"] "quarterly REPORT" {
  fileinto "name-list-any-yes";
} else {
  fileinto "name-list-any-no";
}
if header :contains "From" ["zzz", "Example"] {
  fileinto "key-list-any-yes";
} else {
  fileinto "key-list-any-no";
}
if header :is "Message-ID" "<20240305143000.1234@example.com>" {
  fileinto "message-id-angle-yes";
} else {
  fileinto "message-id-angle-no";
}
if header :contains "Received" "ESMTPSA" {
  fileinto "received-contains-esmtpsa-yes";
} else {
  fileinto "received-contains-esmtpsa-no";
}
if header :contains "Received" "192.0.2.1]) by mx.example.net" {
  fileinto "received-folded-space-yes";
} else {
  fileinto "received-folded-space-no";
}
if header :is "Return-Path" "<alice@example.com>" {
  fileinto "return-path-yes";
} else {
  fileinto "return-path-no";
}
