require ["spamtestplus", "fileinto", "variables"];
if spamtest :matches "*" { fileinto "val=${1}"; }
if spamtest :percent :matches "*" { fileinto "pct=${1}"; }
