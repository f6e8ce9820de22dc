# purpose: reject conflicts with fileinto -> runtime error, implicit keep
require ["reject", "fileinto"];
reject "no";
fileinto "Spam";
