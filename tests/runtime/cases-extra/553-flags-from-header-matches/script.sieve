# purpose: flags from a header via match variable; multiple spaces; removeflag with padding
require ["imap4flags", "variables", "fileinto"];
if header :matches "X-Tags" "*" { setflag "${1}"; }
addflag "tagged";
if hasflag :is "green" { fileinto "has-green"; }
removeflag "  red   green ";
