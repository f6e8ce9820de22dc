require ["fileinto", "body"];
if body :content "text/plain" :contains "secret-token-42" {
  fileinto "text-plain-yes";
} else {
  fileinto "text-plain-no";
}
if body :content "text" :contains "marker-html-7" {
  fileinto "text-major-yes";
} else {
  fileinto "text-major-no";
}
if body :content "text/html" :contains "Café" {
  fileinto "html-only-yes";
} else {
  fileinto "html-only-no";
}
if body :content "text/html" :contains "<b>only</b>" {
  fileinto "html-tags-yes";
} else {
  fileinto "html-tags-no";
}
if body :content "application/pdf" :contains "fake pdf" {
  fileinto "pdf-yes";
} else {
  fileinto "pdf-no";
}
if body :content "multipart" :contains "This is a multi-part" {
  fileinto "multipart-yes";
} else {
  fileinto "multipart-no";
}
if body :content "" :contains "Epilogue" {
  fileinto "empty-type-yes";
} else {
  fileinto "empty-type-no";
}
