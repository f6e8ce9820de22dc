require ["vacation", "variables"];
set "me" "me@example.org";
vacation :from "${me}" :addresses ["${me}"] "Away";
