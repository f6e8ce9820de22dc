fileinto "x";
fileinto "y";
