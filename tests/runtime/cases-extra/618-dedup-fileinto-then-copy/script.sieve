# purpose: plain action first, then the :copy duplicate (reverse of case 019/027)
require ["fileinto", "copy"];
fileinto "A";
fileinto :copy "A";
redirect "r@example.net";
redirect :copy "r@example.net";
