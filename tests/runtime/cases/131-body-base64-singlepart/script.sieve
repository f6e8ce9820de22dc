require ["fileinto", "body"];
if body :text :contains "secret-token-42" {
  fileinto "text-yes";
} else {
  fileinto "text-no";
}
if body :content "text" :contains "Zweite Zeile" {
  fileinto "content-yes";
} else {
  fileinto "content-no";
}
