require ["fileinto", "variables"];
if header :matches "X-Folded" "*" { fileinto "v=[${1}]"; }
