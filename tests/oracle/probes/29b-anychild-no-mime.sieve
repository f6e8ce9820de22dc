require ["mime","foreverypart"];
if header :anychild "x" "y" { keep; }
