# purpose: extracttext with modifiers, on text/html (tags?), on non-text part
require ["foreverypart", "mime", "fileinto", "variables", "extracttext"];
set "i" "0";
foreverypart {
  if header :mime :contenttype "Content-Type" "text/plain" {
    extracttext :lower :first 12 "t";
    fileinto "plain12=${t}";
    extracttext :length "l" ;
  }
  if header :mime :contenttype "Content-Type" "text/html" {
    extracttext "h";
    fileinto "html=${h}";
  }
  if header :mime :contenttype "Content-Type" "application/pdf" {
    extracttext "p";
    fileinto "pdf=[${p}]";
  }
}
