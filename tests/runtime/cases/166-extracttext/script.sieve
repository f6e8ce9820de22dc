require ["foreverypart", "mime", "extracttext", "variables", "fileinto"];
foreverypart {
  if header :mime :contenttype "Content-Type" "text/plain" {
    extracttext :first 12 "t";
    fileinto "t=${t}";
  }
}
