require ["fileinto"];
if address :is :all "From" "alice@example.com" {
  fileinto "all-yes";
} else {
  fileinto "all-no";
}
if address :is "From" "ALICE@EXAMPLE.COM" {
  fileinto "default-all-yes";
} else {
  fileinto "default-all-no";
}
if address :is :localpart "From" "alice" {
  fileinto "localpart-yes";
} else {
  fileinto "localpart-no";
}
if address :is :domain "From" "Example.Com" {
  fileinto "domain-yes";
} else {
  fileinto "domain-no";
}
if address :contains "From" "Alice Example" {
  fileinto "display-name-not-matched-yes";
} else {
  fileinto "display-name-not-matched-no";
}
