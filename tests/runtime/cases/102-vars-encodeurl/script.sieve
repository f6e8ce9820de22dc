require ["variables", "enotify", "fileinto"];
set :encodeurl "e" "a b&c=d/é~";
fileinto "enc=${e}";
