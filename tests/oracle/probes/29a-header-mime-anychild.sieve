require ["mime","foreverypart"];
if header :mime :anychild "x" "y" { keep; }
