redirect "a@example.123";
