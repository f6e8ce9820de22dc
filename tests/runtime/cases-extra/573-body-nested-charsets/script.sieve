# purpose: body :text over nested multipart: QP latin1, QP windows-1252, message/rfc822 base64 utf-8
require ["body", "fileinto"];
if body :text :contains "Café crème brûlée" {
  fileinto "latin1-qp-cafe-yes";
} else {
  fileinto "latin1-qp-cafe-no";
}
if body :text :contains "total= 12" {
  fileinto "qp-equals-yes";
} else {
  fileinto "qp-equals-no";
}
if body :text :contains "soft break-joined" {
  fileinto "qp-soft-break-yes";
} else {
  fileinto "qp-soft-break-no";
}
if body :text :contains "Price € 5" {
  fileinto "cp1252-euro-yes";
} else {
  fileinto "cp1252-euro-no";
}
if body :text :contains "“quoted”" {
  fileinto "cp1252-quotes-yes";
} else {
  fileinto "cp1252-quotes-no";
}
if body :text :contains "inner-body-marker" {
  fileinto "rfc822-inner-body-yes";
} else {
  fileinto "rfc822-inner-body-no";
}
if body :text :contains "Grüße" {
  fileinto "rfc822-inner-utf8-yes";
} else {
  fileinto "rfc822-inner-utf8-no";
}
if body :text :contains "binary-marker" {
  fileinto "binary-not-text-yes";
} else {
  fileinto "binary-not-text-no";
}
if body :text :contains "preamble-marker" {
  fileinto "preamble-not-text-yes";
} else {
  fileinto "preamble-not-text-no";
}
if body :raw :contains "Caf=E9" {
  fileinto "raw-qp-undecoded-yes";
} else {
  fileinto "raw-qp-undecoded-no";
}
