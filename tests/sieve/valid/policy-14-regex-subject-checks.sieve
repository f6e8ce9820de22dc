# Policy: regex checks on the subject and message-id
require ["regex", "fileinto", "variables"];

# invoice numbers like INV-2024-000123
if header :regex "Subject" "INV-([0-9]{4})-([0-9]{6})" {
    fileinto "Invoices.${1}";
    stop;
}

# message-id without a domain part is a common spam signal
if not header :regex "Message-ID" "^<[^@>]+@[^@>]+>$" {
    fileinto "Junk";
}
