# expect: 2:1: unexpected string "keep"
"keep";
