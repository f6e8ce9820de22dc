require ["fileinto", "body"];
if body :text :contains "Café invoice" {
  fileinto "qp-decoded-yes";
} else {
  fileinto "qp-decoded-no";
}
if body :text :contains "soft line break joined" {
  fileinto "qp-softbreak-yes";
} else {
  fileinto "qp-softbreak-no";
}
if body :text :contains "secret-token-42" {
  fileinto "b64-attachment-yes";
} else {
  fileinto "b64-attachment-no";
}
if body :text :contains "marker-html-7" {
  fileinto "html-yes";
} else {
  fileinto "html-no";
}
if body :text :contains "<b>" {
  fileinto "html-tags-yes";
} else {
  fileinto "html-tags-no";
}
if body :text :contains "fake pdf" {
  fileinto "pdf-yes";
} else {
  fileinto "pdf-no";
}
