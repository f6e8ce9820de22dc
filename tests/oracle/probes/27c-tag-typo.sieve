if header :contians "x" "y" { keep; }
