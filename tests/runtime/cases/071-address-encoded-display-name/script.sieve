require ["fileinto"];
if address :is "From" "joerg@example.de" {
  fileinto "addr-yes";
} else {
  fileinto "addr-no";
}
if header :contains "From" "Jörg" {
  fileinto "hdr-decoded-yes";
} else {
  fileinto "hdr-decoded-no";
}
if header :contains "From" "=?ISO-8859-1?Q?" {
  fileinto "hdr-raw-yes";
} else {
  fileinto "hdr-raw-no";
}
