require ["relational","variables"];
set "o" "eq";
if header :count "${o}" "x" "1" { keep; }
