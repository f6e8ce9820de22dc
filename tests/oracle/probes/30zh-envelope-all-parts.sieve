require ["envelope","subaddress"];
if envelope :detail :is "to" "x" { keep; }
