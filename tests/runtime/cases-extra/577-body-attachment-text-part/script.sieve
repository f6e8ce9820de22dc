# purpose: body :text and text/* attachments (text/plain attachment, text/csv); unquoted boundary
require ["body", "fileinto"];
if body :text :contains "attached-notes-marker" {
  fileinto "text-includes-attachment-yes";
} else {
  fileinto "text-includes-attachment-no";
}
if body :content "text" :contains "attached-notes-marker" {
  fileinto "content-text-attachment-yes";
} else {
  fileinto "content-text-attachment-no";
}
if body :text :contains "a;b;c" {
  fileinto "text-includes-csv-yes";
} else {
  fileinto "text-includes-csv-no";
}
