# purpose: without require the text stays literal
require ["fileinto"];
fileinto "${hex:41}";
