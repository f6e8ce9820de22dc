# RFC 7352 (duplicate) example: mark repeated alerts as seen
require ["duplicate", "variables", "imap4flags", "fileinto"];

if header :matches "subject" "ALERT: *" {
  if duplicate :seconds 60 :uniqueid "${1}" {
    setflag "\\seen";
  }
  fileinto "Alerts";
}
