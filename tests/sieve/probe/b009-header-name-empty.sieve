if header :contains "" "x" { keep; }
