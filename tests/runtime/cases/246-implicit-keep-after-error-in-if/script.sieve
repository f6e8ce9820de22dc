require ["fileinto", "ihave"];
fileinto "Before";
if true { error "stop here"; }
fileinto "After";
