# Policy (CRLF line endings on purpose): spam routing
require ["spamtest", "relational", "comparator-i;ascii-numeric",
         "fileinto", "editheader"];

if spamtest :value "ge" :comparator "i;ascii-numeric" "5" {
    addheader "X-Spam-Verdict" "yes";
    fileinto "Junk";
} elsif allof (not exists "Date", header :contains "Subject" "\"free\"") {
    fileinto "Junk";
}
