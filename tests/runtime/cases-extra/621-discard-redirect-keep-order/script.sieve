# purpose: discard between other actions does not cancel them
require ["fileinto"];
redirect "x@example.net";
discard;
fileinto "Later";
keep;
