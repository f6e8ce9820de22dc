require ["regex", "variables"];
set "re" "(";
if header :regex "subject" "${re}" { keep; }
