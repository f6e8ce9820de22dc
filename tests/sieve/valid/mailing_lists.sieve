# RFC 6609 example 1: personal script "mailing_lists"
require ["fileinto"];

if header :is "Sender" "owner-ietf-mta-filters@ietf.org"
{
    fileinto "lists.sieve";
}
elsif header :is "Sender" "owner-ietf-imapext@ietf.org"
{
    fileinto "lists.imapext";
}
