require ["fileinto", "mailbox"];
fileinto :create :create "x";
