# RFC 5232 section 3.2 (addflag): equivalent ways to set two flags
# in the variable "flagvar" (variable form requires "variables")
require ["imap4flags", "variables"];

addflag "flagvar" "\\Deleted";
addflag "flagvar" "\\Answered";

addflag "flagvar" ["\\Deleted", "\\Answered"];

addflag "flagvar" "\\Deleted \\Answered";

addflag "flagvar" "\\Answered \\Deleted";
