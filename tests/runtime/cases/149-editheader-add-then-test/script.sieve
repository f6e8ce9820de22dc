require ["editheader", "fileinto"];
addheader "X-Policy" "checked";
if header :is "X-Policy" "checked" {
  fileinto "seen-yes";
} else {
  fileinto "seen-no";
}
if exists "X-Policy" {
  fileinto "exists-yes";
} else {
  fileinto "exists-no";
}
