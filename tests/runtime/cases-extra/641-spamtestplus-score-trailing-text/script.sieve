# purpose: RFC 5235 4 spamtestplus example with X-Spam-Score '6.5 (threshold 5.0)'
require ["spamtestplus", "fileinto", "relational", "comparator-i;ascii-numeric", "variables"];
if spamtest :percent :value "eq" :comparator "i;ascii-numeric" "0"
{
    fileinto "INBOX.definitely-not-spam";
}
elsif spamtest :percent :value "eq" :comparator "i;ascii-numeric" "100"
{
    discard;
}
elsif spamtest :percent :value "gt" :comparator "i;ascii-numeric" "50"
{
    fileinto "INBOX.spam-trap";
}
if spamtest :matches "*" { fileinto "st=${1}"; }
if spamtest :percent :matches "*" { fileinto "pct=${1}"; }
