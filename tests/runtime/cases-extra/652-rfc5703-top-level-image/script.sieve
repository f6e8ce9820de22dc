# purpose: RFC 5703 4.2 example: top-level image/PNG (type case), :anychild includes the top level?
require ["mime", "fileinto"];
if header :mime :type "Content-Type" "image"
{
    fileinto "INBOX.images";
}
if header :mime :anychild :type "Content-Type" "image" { fileinto "anychild-image"; }
if header :mime :subtype "Content-Type" "png" { fileinto "subtype-png"; }
if header :mime :contenttype "Content-Type" "image/png" { fileinto "ct-image/png"; }
if header :mime :param "name" "Content-Type" "pic.png" { fileinto "param-name"; }
