require ["reject","fileinto"];
reject "x";
fileinto "y";
