require ["imap4flags", "fileinto", "variables"];
setflag "\\Seen";
addflag ["\\Flagged", "$Important"];
removeflag "\\Seen";
addflag "myflags" "\\Answered";
setflag "myflags" ["a", "b c"];
if hasflag :contains "\\Flagged" { keep :flags ["\\Seen"]; }
if hasflag :is "myflags" "a" { fileinto :flags "${myflags}" "Flagged"; }
if hasflag ["\\Deleted", "\\Draft"] { keep; }
removeflag "myflags" "b";
