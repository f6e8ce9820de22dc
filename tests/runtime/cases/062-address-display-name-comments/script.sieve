require ["fileinto"];
if address :is "From" "john.doe@example.com" {
  fileinto "quoted-comma-yes";
} else {
  fileinto "quoted-comma-no";
}
if address :is "Sender" "list-owner@lists.example.com" {
  fileinto "comment-yes";
} else {
  fileinto "comment-no";
}
if address :is :domain "Reply-To" "example.com" {
  fileinto "comment-dom-yes";
} else {
  fileinto "comment-dom-no";
}
