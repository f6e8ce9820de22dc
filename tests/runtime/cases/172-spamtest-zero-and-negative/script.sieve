require ["spamtest", "fileinto", "variables"];
if spamtest :matches "*" { fileinto "val=${1}"; }
