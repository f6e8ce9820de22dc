require ["fileinto", "fileinto2"];
