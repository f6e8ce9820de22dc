# purpose: :length counts characters; :upper only ASCII?
require ["variables", "fileinto"];
set :length "n" "äöü€";
fileinto "len=${n}";
set :upper "u" "äbc";
fileinto "up=${u}";
