if header :is :is "x" "y" { keep; }
