require ["mime", "foreverypart", "fileinto", "variables", "extracttext"];
foreverypart :name "outer" {
  if header :mime :type "Content-Type" "application" {
    if header :mime :param "filename" :matches "Content-Disposition" "*.exe" {
      fileinto "Quarantine";
      break :name "outer";
    }
  }
  if header :mime :subtype :is "Content-Type" "plain" {
    extracttext :first 200 "snippet";
    extracttext :lower "lowered";
  }
  foreverypart {
    if header :mime :anychild :contenttype "Content-Type" "text/html" { break; }
  }
}
