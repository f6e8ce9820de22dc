# Policy: tag external mail and rewrite the subject
require ["editheader", "variables", "envelope"];

if not address :domain :is "From" ["example.com", "corp.example.com"] {
    if header :matches "Subject" "*" {
        set "subject" "${1}";
    }
    if not string :matches "${subject}" "[EXTERNAL]*" {
        deleteheader "Subject";
        addheader :last "Subject" "[EXTERNAL] ${subject}";
    }
    addheader "X-External-Sender" "yes";
}
