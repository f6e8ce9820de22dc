# RFC 5703 section 3 (foreverypart :name and break :name), constructed
# from the section's usage text
require ["mime", "foreverypart", "fileinto"];

foreverypart :name "outer"
{
    if header :mime :type "Content-Type" "multipart"
    {
        foreverypart
        {
            if header :mime :subtype "Content-Type" "calendar"
            {
                fileinto "INBOX.calendar";
                break :name "outer";
            }
        }
    }
}
