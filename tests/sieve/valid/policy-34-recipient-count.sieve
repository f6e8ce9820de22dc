# Policy: mass-mailing detection by recipient counts
require ["relational", "comparator-i;ascii-numeric", "fileinto",
         "editheader"];

if address :count "gt" :comparator "i;ascii-numeric" ["To", "Cc"] "50" {
    addheader "X-Mass-Mail" "to+cc>50";
    fileinto "Bulk";
} elsif address :count "eq" :comparator "i;ascii-numeric" ["To", "Cc"] "0" {
    # only Bcc recipients: often spam
    addheader "X-Mass-Mail" "undisclosed";
}
