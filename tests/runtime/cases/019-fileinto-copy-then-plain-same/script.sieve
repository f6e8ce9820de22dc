# purpose: same folder with and without :copy
require ["fileinto", "copy"];
fileinto :copy "Archive";
fileinto "Archive";
