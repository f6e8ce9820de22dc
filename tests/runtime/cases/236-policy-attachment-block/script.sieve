require ["foreverypart", "mime", "reject", "fileinto"];
foreverypart {
  if header :mime :param "filename" :matches "Content-Disposition" ["*.exe", "*.pdf"] {
    fileinto "Quarantine";
    break;
  }
}
