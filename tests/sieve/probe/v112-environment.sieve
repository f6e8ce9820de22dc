require ["environment", "fileinto", "relational"];
if environment :is "domain" "mail.example.org" { keep; }
if environment :matches "host" "*.example.org" { keep; }
if environment :contains "name" "Dovecot" { keep; }
if environment :is "phase" "during" { keep; }
if environment :value "gt" "version" "0" { keep; }
if environment "location" "MS" { keep; }
if environment :is "remote-host" "x" { keep; }
if environment :is "remote-ip" "1.2.3.4" { keep; }
