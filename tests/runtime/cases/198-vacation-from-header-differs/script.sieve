# purpose: reply goes to envelope sender, not Reply-To
require ["vacation"];
vacation "away";
