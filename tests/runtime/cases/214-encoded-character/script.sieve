require ["encoded-character", "fileinto"];
fileinto "${hex:48 65 6C 6C 6F}";
fileinto "smile-${unicode:263A}";
if header :contains "Subject" "${hex:51}uarterly" {
  fileinto "key-yes";
} else {
  fileinto "key-no";
}
fileinto "bad-${hex:zz}";
