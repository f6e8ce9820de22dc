# expect: 2:1: requires the "fileinto" extension
fileinto "Spam";
