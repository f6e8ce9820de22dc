# RFC 5703 section 4.1 (:anychild with :contenttype)
require ["mime", "fileinto"];

if header :mime :anychild :contenttype "Content-Type" "text/html"
{
    fileinto "INBOX.html";
}
