# RFC 5260 section 7 (Examples), example 4: record processing time
require ["variables", "date", "editheader"];
if currentdate :matches "std11" "*"
  {addheader "Processing-date" "${0}";}
