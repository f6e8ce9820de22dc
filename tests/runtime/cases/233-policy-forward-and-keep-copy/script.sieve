require ["copy", "fileinto"];
redirect :copy "archive@example.net";
if header :contains "Subject" "report" { fileinto "Reports"; }
