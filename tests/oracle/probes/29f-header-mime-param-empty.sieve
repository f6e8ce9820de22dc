require ["mime","foreverypart"];
if header :mime :param "content-type" "x" { keep; }
