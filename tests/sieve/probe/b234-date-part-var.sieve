require ["date", "variables"];
set "p" "nope";
if currentdate :is "${p}" "1" { keep; }
