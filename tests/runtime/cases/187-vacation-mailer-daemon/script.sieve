require ["vacation"];
vacation "away";
