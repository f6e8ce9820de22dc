require ["fileinto"];
if header :contains ["X-Nope", "Subject"] ["zzz", "report"] {
  fileinto "names-yes";
} else {
  fileinto "names-no";
}
if header :contains ["X-Nope", "X-Nope2"] ["report"] {
  fileinto "none-yes";
} else {
  fileinto "none-no";
}
