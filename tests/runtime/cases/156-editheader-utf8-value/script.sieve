# purpose: non-ASCII value is RFC 2047 encoded in the stored message (see exec.txt)
require ["editheader", "fileinto"];
addheader "X-Note" "Geprüft ✓";
if header :is "X-Note" "Geprüft ✓" {
  fileinto "decoded-yes";
} else {
  fileinto "decoded-no";
}
