# RFC 5232 section 4 (Test hasflag)
require ["imap4flags", "variables", "relational",
         "comparator-i;ascii-numeric"];

if hasflag :contains "MyVar" "Junk" {
    discard;
    stop;
}

# true if MyFlags holds at least two flags, e.g. "A B"
if hasflag :count "ge" :comparator "i;ascii-numeric" "MyFlags" "2" {
    keep;
}
