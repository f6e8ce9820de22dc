# purpose: recipient not in To/Cc -> Pigeonhole discards the response at execution
require ["vacation"];
vacation "away";
