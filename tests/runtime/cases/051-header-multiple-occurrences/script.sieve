require ["fileinto"];
if header :contains "Received" "client.example.com" {
  fileinto "any-received-yes";
} else {
  fileinto "any-received-no";
}
if header :is "Subject" "Quarterly report" {
  fileinto "dup-subject-first-yes";
} else {
  fileinto "dup-subject-first-no";
}
if header :is "Subject" "Second subject" {
  fileinto "dup-subject-second-yes";
} else {
  fileinto "dup-subject-second-no";
}
