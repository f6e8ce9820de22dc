# Policy: percent-based spam routing (spamtestplus)
require ["spamtestplus", "relational", "comparator-i;ascii-numeric",
         "fileinto", "editheader"];

if spamtest :percent :count "eq" :comparator "i;ascii-numeric" "0" {
    addheader :last "X-Policy-Note" "spam scanner did not run";
} elsif spamtest :percent :value "gt" :comparator "i;ascii-numeric" "90" {
    discard;
} elsif spamtest :percent :value "gt" :comparator "i;ascii-numeric" "50" {
    addheader "X-Spam-Flag" "YES";
    fileinto "Junk";
}
