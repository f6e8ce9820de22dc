require ["mime", "fileinto", "variables"];
if header :mime :type "Content-Type" "multipart" {
  fileinto "type-yes";
} else {
  fileinto "type-no";
}
if header :mime :subtype "Content-Type" "mixed" {
  fileinto "subtype-yes";
} else {
  fileinto "subtype-no";
}
if header :mime :contenttype "Content-Type" "multipart/mixed" {
  fileinto "contenttype-yes";
} else {
  fileinto "contenttype-no";
}
if header :mime :param "boundary" :matches "Content-Type" "*" { fileinto "boundary=${1}"; }
