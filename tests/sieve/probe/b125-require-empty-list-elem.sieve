require ["fileinto", ""];
