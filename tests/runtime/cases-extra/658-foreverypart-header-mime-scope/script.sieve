# purpose: inside foreverypart :mime tests look at the current part, plain header at the top
require ["foreverypart", "mime", "fileinto", "variables"];
set "n" "";
foreverypart {
  if header :mime :anychild :contenttype "Content-Type" "text/html" { set "n" "${n}H"; }
  if header :mime :type "Content-Type" "multipart" { set "n" "${n}M"; }
  if header :contains "Subject" "Quarterly" { set "n" "${n}s"; }
}
fileinto "n=${n}";
if header :mime :type "Content-Type" "multipart" { fileinto "top-multipart"; }
