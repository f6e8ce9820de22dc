# purpose: foreverypart visits parts depth-first; break leaves the loop
require ["foreverypart", "mime", "fileinto", "variables"];
set "n" "";
foreverypart {
  set "n" "${n}x";
  if header :mime :contenttype "Content-Type" "application/pdf" {
    fileinto "pdf-at-${n}";
    break;
  }
}
fileinto "visited-${n}";
