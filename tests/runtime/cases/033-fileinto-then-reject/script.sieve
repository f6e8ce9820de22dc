require ["reject", "fileinto"];
fileinto "Spam";
reject "no";
