# RFC 5490 section 4.2 (Test servermetadataexists), usage completed
require ["servermetadata", "fileinto"];
if servermetadataexists "/shared/admin" {
   keep;
}
