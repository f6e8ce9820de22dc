# RFC 5703 section 9.1 (Example 1): replace executable attachments
require ["mime", "foreverypart", "replace"];

foreverypart
{
  if anyof (
         header :mime :contenttype :is
           "Content-Type" "application/exe",
         header :mime :param "filename"
           :matches ["Content-Type", "Content-Disposition"] "*.com" )
  {
    replace "Executable attachment removed by user filter";
  }
}
