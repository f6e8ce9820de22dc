require ["regex","variables"];
set "r" "(";
if header :regex "subject" "${r}" { keep; }
