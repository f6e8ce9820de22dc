if header :is "subject" "" { keep; }
if address :is "from" "" { keep; }
