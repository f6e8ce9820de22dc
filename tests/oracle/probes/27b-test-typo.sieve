if hedaer "x" "y" { keep; }
