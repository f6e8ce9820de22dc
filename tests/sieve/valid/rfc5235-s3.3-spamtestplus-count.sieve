# RFC 5235 section 3.3 (spamtest :percent with :count to detect an
# untested message)
require ["spamtestplus", "fileinto", "relational", "comparator-i;ascii-numeric"];

if spamtest :percent :count "eq" :comparator "i;ascii-numeric" "0"
{
    fileinto "INBOX.unclassified";
}
elsif spamtest :percent :value "eq" :comparator "i;ascii-numeric" "0"
{
    fileinto "INBOX.not-spam";
}
elsif spamtest :percent :value "lt" :comparator "i;ascii-numeric" "37"
{
    fileinto "INBOX.spam-trap";
}
else
{
    discard;
}
