require ["fileinto", "variables"];
if address :matches "Resent-From" "*" { fileinto "rf=${1}"; }
if address :matches "Sender" "*" { fileinto "s=${1}"; }
