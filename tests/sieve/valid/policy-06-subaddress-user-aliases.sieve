# Policy: several role accounts share one mailbox; split by local part
require ["envelope", "subaddress", "fileinto"];

if envelope :user :is "to" ["postmaster", "abuse", "hostmaster"] {
    fileinto "Roles";
} elsif envelope :user :is "to" "billing" {
    if envelope :detail :is "to" "invoices" {
        fileinto "Billing.Invoices";
    } else {
        fileinto "Billing";
    }
}
