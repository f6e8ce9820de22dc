# expect: 2:1: requires the "variables" extension
set "x" "y";
