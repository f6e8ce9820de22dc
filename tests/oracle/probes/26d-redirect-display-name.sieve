redirect "Joe <joe@example.com>";
