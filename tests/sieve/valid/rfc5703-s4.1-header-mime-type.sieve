# RFC 5703 section 4.1 (":mime" for header): file image parts
require ["mime", "fileinto"];

if header :mime :type "Content-Type" "image"
{
    fileinto "INBOX.images";
}
