# Policy: set IMAP flags from priority headers
require ["imap4flags", "relational", "comparator-i;ascii-numeric", "variables"];

if header :value "le" :comparator "i;ascii-numeric" "X-Priority" "2" {
    addflag "\\Flagged";
}
if header :is "Importance" "low" {
    addflag "prio" "$Low";
    addflag "prio" "\\Seen";
    keep :flags "${prio}";
    stop;
}
if hasflag "\\Flagged" {
    keep;
}
