# purpose: duplicate suppression across keep/fileinto INBOX/:copy and redirect/redirect :copy
require ["fileinto", "copy"];
keep;
fileinto "INBOX";
fileinto :copy "INBOX";
redirect "a@example.net";
redirect :copy "a@example.net";
fileinto "Box";
fileinto :copy "Box";
