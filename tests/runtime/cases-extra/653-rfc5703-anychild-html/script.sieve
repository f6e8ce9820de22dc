# purpose: RFC 5703 4 :anychild examples; RFC 2231 filename; address :mime on a message/rfc822 part
require ["mime", "fileinto"];
if header :mime :anychild :contenttype "Content-Type" "text/html" {
    fileinto "INBOX.html";
}
if header :mime :contenttype "Content-Type" "text/html" { fileinto "top-html"; }
if header :mime :anychild :param "filename" :matches "Content-Disposition" "*.pdf" { fileinto "has-pdf"; }
if header :mime :anychild :param "filename" :matches "Content-Disposition" "*.zip" { fileinto "has-zip-2231"; }
if header :mime :anychild :param "filename" :is "Content-Disposition" "Grüße.zip" { fileinto "zip-name-decoded"; }
if exists :mime :anychild "Content-Disposition" { fileinto "exists-cd"; }
if address :mime :anychild :is "From" "inner@example.net" { fileinto "inner-from"; }
if header :mime :anychild :type "Content-Type" "message" { fileinto "has-message"; }
