require ["imap4flags", "variables"];
set "fl" "\\Seen \\Flagged";
keep :flags "${fl}";
keep :flags ["\\Seen", "\\Answered"];
