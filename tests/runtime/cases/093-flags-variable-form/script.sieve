# purpose: named flag variables do not touch the internal flag variable
require ["imap4flags", "variables", "fileinto"];
set "myflags" "";
addflag "myflags" "\\Seen";
addflag "myflags" ["Urgent", "\\Seen"];
fileinto :flags "${myflags}" "Custom";
if hasflag "myflags" "urgent" { fileinto "var-has-urgent"; }
fileinto "flags=${myflags}";
