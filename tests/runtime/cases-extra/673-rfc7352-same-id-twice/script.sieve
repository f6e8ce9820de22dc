# purpose: RFC 7352 3: ids seen earlier in the same execution are not duplicates
require ["duplicate", "fileinto"];
if duplicate :header "Subject" { fileinto "dup1"; } else { fileinto "new1"; }
if duplicate :header "Subject" { fileinto "dup2"; } else { fileinto "new2"; }
if duplicate :uniqueid "x" :handle "h" { fileinto "dup3"; }
if duplicate :uniqueid "x" :handle "h" { fileinto "dup4"; }
