# purpose: flag variable names are case-insensitive; hasflag compares case-insensitively
require ["imap4flags", "variables", "fileinto"];
setflag "MyFlags" "A";
addflag "myflags" "B";
if hasflag "MYFLAGS" "a" { fileinto :flags "${myFlags}" "X"; }
