require ["vacation"];
vacation :addresses ["robert@example.org"] "away";
