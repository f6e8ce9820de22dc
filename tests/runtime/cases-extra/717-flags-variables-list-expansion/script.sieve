# purpose: addflag with a list of variables containing several flags and blanks; keep :flags list
require ["imap4flags", "variables", "fileinto"];
set "f1" "\\Seen";
set "f2" "$Work Project";
addflag ["${f1}", "${f2}", "  "];
fileinto "A";
removeflag "${f2}";
keep :flags ["${f1}", "Extra"];
