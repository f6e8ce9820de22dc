# purpose: flag snapshots across keep/fileinto/fileinto :copy; final internal flags for nothing else
require ["imap4flags", "fileinto", "copy"];
addflag "\\Seen";
keep;
addflag "\\Flagged";
fileinto "A";
fileinto :flags "\\Answered" "B";
removeflag "\\Seen";
fileinto :copy "C";
setflag "$Label1";
