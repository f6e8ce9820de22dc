# purpose: flag case-insensitivity and de-duplication; removeflag with other case
require ["imap4flags", "fileinto"];
addflag ["\\seen", "\\SEEN", "Junk", "junk", "$Label1 $label1"];
fileinto "X";
removeflag "JUNK";
