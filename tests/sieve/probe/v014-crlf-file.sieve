require ["fileinto"];
# crlf comment
if header :contains "Subject" "crlf" {
  fileinto "CRLF";
}
