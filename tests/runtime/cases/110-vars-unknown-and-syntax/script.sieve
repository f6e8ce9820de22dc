# purpose: undefined -> empty; malformed references stay literal
require ["variables", "fileinto"];
set "a" "A";
fileinto "x${nope}y";
fileinto "${a${a}}";
fileinto "$${a}";
fileinto "${ a }";
fileinto "${a";
