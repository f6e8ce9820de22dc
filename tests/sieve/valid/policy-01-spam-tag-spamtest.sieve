# Policy: tag and file spam based on the spamtest score (0..10 scale)
require ["spamtest", "relational", "comparator-i;ascii-numeric",
         "fileinto", "editheader", "imap4flags"];

if spamtest :value "ge" :comparator "i;ascii-numeric" "8" {
    # near-certain spam: drop silently
    discard;
    stop;
}
elsif spamtest :value "ge" :comparator "i;ascii-numeric" "5" {
    addheader "X-Spam-Verdict" "likely";
    addflag "$Junk";
    fileinto "Junk";
    stop;
}
elsif spamtest :value "eq" :comparator "i;ascii-numeric" "0" {
    addheader "X-Spam-Verdict" "untested";
}
