# purpose: stop inside foreverypart ends the whole script
require ["foreverypart", "mime", "fileinto"];
foreverypart {
  if header :mime :subtype "Content-Type" "pdf" {
    fileinto "has-pdf";
    stop;
  }
}
fileinto "not-reached";
