if header :is :contains "x" "y" { keep; }
