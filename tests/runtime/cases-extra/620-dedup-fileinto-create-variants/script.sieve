# purpose: fileinto :create + plain same name; mailbox name case
require ["fileinto", "mailbox"];
fileinto :create "New";
fileinto "New";
fileinto "new";
