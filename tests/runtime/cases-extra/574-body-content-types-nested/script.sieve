# purpose: body :content with several types on nested parts, message/rfc822, non-text, preamble/epilogue
require ["body", "fileinto"];
if body :content "text/plain" :contains "Café" {
  fileinto "content-text-plain-cafe-yes";
} else {
  fileinto "content-text-plain-cafe-no";
}
if body :content "text/html" :contains "€" {
  fileinto "content-text-html-euro-yes";
} else {
  fileinto "content-text-html-euro-no";
}
if body :content "multipart" :contains "preamble-marker" {
  fileinto "content-multipart-preamble-yes";
} else {
  fileinto "content-multipart-preamble-no";
}
if body :content "multipart" :contains "epilogue-marker" {
  fileinto "content-multipart-epilogue-yes";
} else {
  fileinto "content-multipart-epilogue-no";
}
if body :content "message/rfc822" :contains "inner-subject-marker" {
  fileinto "content-message-inner-subject-yes";
} else {
  fileinto "content-message-inner-subject-no";
}
if body :content "message/rfc822" :contains "inner-body-marker" {
  fileinto "content-message-inner-body-yes";
} else {
  fileinto "content-message-inner-body-no";
}
if body :content "application/octet-stream" :contains "binary-marker" {
  fileinto "content-app-binary-yes";
} else {
  fileinto "content-app-binary-no";
}
if body :content ["image", "text/html"] :contains "Price" {
  fileinto "content-list-yes";
} else {
  fileinto "content-list-no";
}
if body :content "" :contains "binary-marker" {
  fileinto "content-empty-type-any-yes";
} else {
  fileinto "content-empty-type-any-no";
}
if body :content "TEXT/PLAIN" :contains "crème" {
  fileinto "content-text-uppercase-yes";
} else {
  fileinto "content-text-uppercase-no";
}
