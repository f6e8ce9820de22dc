require ["relational", "variables"];
set "o" "gt";
if header :value "${o}" "x" "1" { keep; }
