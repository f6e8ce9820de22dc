require "variables";
set "c" "i;octet";
if header :comparator "${c}" "x" "1" { keep; }
