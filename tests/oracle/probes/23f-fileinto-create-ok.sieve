require ["fileinto","mailbox"];
fileinto :create "x";
