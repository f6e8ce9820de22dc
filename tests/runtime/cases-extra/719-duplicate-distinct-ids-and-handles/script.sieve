# purpose: RFC 7352: distinct ids/handles in one execution are never duplicates
require ["duplicate", "fileinto", "variables"];
if duplicate :uniqueid "a" { fileinto "dup-a"; }
if duplicate :uniqueid "b" { fileinto "dup-b"; }
if duplicate :handle "h1" :uniqueid "c" { fileinto "dup-h1-c"; }
if duplicate :handle "h2" :uniqueid "c" { fileinto "dup-h2-c"; }
if duplicate :header "Message-ID" { fileinto "dup-mid"; }
fileinto "end";
