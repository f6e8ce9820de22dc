require ["reject", "fileinto", "copy"];
reject "no";
fileinto :copy "Spam";
