# purpose: two X-Spam-Score headers: which one counts?
require ["spamtest", "fileinto", "relational", "comparator-i;ascii-numeric", "variables"];
if spamtest :matches "*" { fileinto "st=${1}"; }
