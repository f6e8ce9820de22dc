# purpose: editheader before/after actions (exec.txt shows what each copy carries)
require ["editheader", "fileinto", "copy"];
addheader "X-Forwarded-By" "sieve";
redirect :copy "copy@example.net";
deleteheader "X-Forwarded-By";
fileinto "Processed";
if not exists "X-Forwarded-By" {
  fileinto "fwd-gone-yes";
} else {
  fileinto "fwd-gone-no";
}
