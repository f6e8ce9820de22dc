# RFC 5490 section 3.4 (Test metadataexists), usage completed
require ["mboxmetadata", "fileinto"];
if metadataexists "INBOX" ["/private/comment", "/shared/comment"] {
   fileinto "annotated";
}
