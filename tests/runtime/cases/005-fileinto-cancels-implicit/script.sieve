require ["fileinto"];
fileinto "Archive";
