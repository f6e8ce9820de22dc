require ["fileinto","copy"];
fileinto :copy :copy "x";
