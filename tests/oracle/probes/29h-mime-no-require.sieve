if header :mime "content-type" "x" { keep; }
