require ["variables", "fileinto"];
if header :matches "Subject" "* *" { fileinto "${01}-${001}-${2}"; }
