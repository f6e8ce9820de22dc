# purpose: LF-only message of 77 bytes (82 with CRLF): does size count raw bytes?
require ["fileinto"];
if header :is "Subject" "LF line ends" {
  fileinto "subject-yes";
} else {
  fileinto "subject-no";
}
if size :over 76 {
  fileinto "size-over-76-yes";
} else {
  fileinto "size-over-76-no";
}
if size :over 77 {
  fileinto "size-over-77-yes";
} else {
  fileinto "size-over-77-no";
}
if size :over 81 {
  fileinto "size-over-81-yes";
} else {
  fileinto "size-over-81-no";
}
