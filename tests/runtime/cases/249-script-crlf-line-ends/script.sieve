# purpose: script with CRLF line ends; text: string keeps CRLF
require ["fileinto", "reject"];
if header :contains "Subject" "report" {
  reject text:
line 1
line 2
.
;
}
