# RFC 5490 section 3.2 (":create" argument to "fileinto"), usage
# fragment completed into a script
require ["fileinto", "mailbox"];
fileinto :create "INBOX.new-folder";
