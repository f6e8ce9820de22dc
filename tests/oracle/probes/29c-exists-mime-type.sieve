require ["mime","foreverypart"];
if exists :mime :type "x" { keep; }
