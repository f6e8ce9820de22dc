# purpose: RFC 5235 5 virustest example with X-Virus-Scan ''
require ["virustest", "fileinto", "relational", "comparator-i;ascii-numeric", "variables"];
if virustest :value "eq" :comparator "i;ascii-numeric" "0"
{
    fileinto "INBOX.unscanned";
}
elsif virustest :value "eq" :comparator "i;ascii-numeric" "4"
{
    fileinto "INBOX.quarantine";
}
elsif virustest :value "eq" :comparator "i;ascii-numeric" "5"
{
    discard;
}
if virustest :matches "*" { fileinto "vt=${1}"; }
