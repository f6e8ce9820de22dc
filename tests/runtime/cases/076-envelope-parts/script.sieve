require ["fileinto", "envelope"];
if envelope :is "from" "bounce@lists.example.com" {
  fileinto "from-is-yes";
} else {
  fileinto "from-is-no";
}
if envelope :is :domain "from" "LISTS.example.com" {
  fileinto "from-domain-yes";
} else {
  fileinto "from-domain-no";
}
if envelope :is :localpart "from" "bounce" {
  fileinto "from-localpart-yes";
} else {
  fileinto "from-localpart-no";
}
if envelope :is "to" "bob@example.org" {
  fileinto "to-is-yes";
} else {
  fileinto "to-is-no";
}
if address :is "From" "bounce@lists.example.com" {
  fileinto "to-header-differs-yes";
} else {
  fileinto "to-header-differs-no";
}
