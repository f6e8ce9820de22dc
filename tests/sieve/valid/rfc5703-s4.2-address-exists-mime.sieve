# RFC 5703 sections 4.2/4.3 (":mime" on address and exists tests),
# constructed from the usage text
require ["mime", "foreverypart", "fileinto"];

foreverypart
{
    if exists :mime :anychild "Content-ID"
    {
        fileinto "INBOX.inline-images";
        break;
    }
    if address :mime :is :all "From" "forwarder@example.com"
    {
        fileinto "INBOX.forwarded";
        break;
    }
}
