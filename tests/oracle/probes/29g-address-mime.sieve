require ["mime","foreverypart"];
if address :mime :anychild "from" "x" { keep; }
