require ["mime", "fileinto"];
if header :mime :anychild :contenttype "Content-Type" "application/pdf" {
  fileinto "pdf-child-yes";
} else {
  fileinto "pdf-child-no";
}
if header :mime :contenttype "Content-Type" "application/pdf" {
  fileinto "toplevel-pdf-yes";
} else {
  fileinto "toplevel-pdf-no";
}
if exists :mime :anychild "Content-Disposition" {
  fileinto "disposition-yes";
} else {
  fileinto "disposition-no";
}
if header :mime :anychild :param "filename" :matches "Content-Disposition" "*.pdf" {
  fileinto "filename-yes";
} else {
  fileinto "filename-no";
}
