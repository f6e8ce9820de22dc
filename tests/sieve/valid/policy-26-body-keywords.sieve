# Policy: body keyword scanning
require ["body", "fileinto", "relational", "comparator-i;ascii-numeric"];

if body :text :contains ["wire transfer", "gift card", "bitcoin wallet"] {
    fileinto "Fraud-Review";
} elsif body :content ["application/pdf", "application/zip"] :contains "" {
    fileinto "With-Attachments";
} elsif body :raw :matches "*BEGIN PGP MESSAGE*" {
    fileinto "Encrypted";
}
