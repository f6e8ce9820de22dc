# purpose: stop in elsif before any action -> implicit keep
require ["fileinto"];
if false { fileinto "a"; }
elsif header :is "X-Stop" "yes" { stop; }
else { fileinto "b"; }
discard;
