if address :domainpart "from" "a" { keep; }
