require ["copy", "fileinto"];
fileinto :copy :copy "x";
