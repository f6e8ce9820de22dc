# purpose: ${10} and up exist in Pigeonhole
require ["variables", "fileinto"];
if header :matches "X-D" "*-*-*-*-*-*-*-*-*-*-*" { fileinto "9=${9}|10=${10}|11=${11}"; }
