require ["envelope","envelope-dsn"];
if envelope "notify" "x" { keep; }
