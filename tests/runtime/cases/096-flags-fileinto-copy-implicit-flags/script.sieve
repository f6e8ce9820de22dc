# purpose: which flags does the implicit keep get: the final value
require ["imap4flags", "fileinto", "copy"];
addflag "\\Seen";
fileinto :copy "Archive";
removeflag "\\Seen";
addflag "\\Flagged";
