require ["mime","foreverypart"];
if header :mime :type :subtype "content-type" "x" { keep; }
