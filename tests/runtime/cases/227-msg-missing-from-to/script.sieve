require ["fileinto", "envelope"];
if exists "From" {
  fileinto "from-yes";
} else {
  fileinto "from-no";
}
if envelope :is "from" "alice@example.com" {
  fileinto "env-from-yes";
} else {
  fileinto "env-from-no";
}
