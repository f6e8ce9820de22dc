require ["mime","foreverypart"];
if header :mime :param ["charset"] "content-type" "x" { keep; }
