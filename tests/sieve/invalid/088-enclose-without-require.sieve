# expect: 2:1: requires the "enclose" extension
enclose :subject "Suspicious" "See the attached message.";
