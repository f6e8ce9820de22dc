require ["include", "variables"];
set "n" "inc-helper";
include "${n}";
