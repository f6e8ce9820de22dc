# expect: 3:16: tag ':copy' is given more than once
require ["fileinto", "copy"];
fileinto :copy :copy "Archive";
