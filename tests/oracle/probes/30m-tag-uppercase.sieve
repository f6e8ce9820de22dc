if header :IS "x" "y" { keep; }
