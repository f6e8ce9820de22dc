# purpose: fileinto INBOX is the same store action as keep
require ["fileinto"];
fileinto "INBOX";
keep;
