# purpose: RFC 5703 3 foreverypart example (size threshold lowered)
require ["foreverypart", "mime", "fileinto", "relational", "comparator-i;ascii-numeric"];
foreverypart {
  if allof (
    header :mime :param "filename" :contains "Content-Disposition" "important",
    header :mime :subtype "Content-Type" "pdf",
    size :over 1) {
    fileinto "INBOX.important";
    break;
  }
}
