# RFC 5703 section 4.1 (foreverypart with header :mime): file large "important"
# PDF attachments.
require ["mime", "foreverypart", "fileinto"];

foreverypart
{
    if allof (
      header :mime :param "filename" :contains
         "Content-Disposition" "important",
      header :mime :subtype "Content-Type" "pdf",
      size :over 100K)
    {
        fileinto "INBOX.important";
        break;
    }
}
