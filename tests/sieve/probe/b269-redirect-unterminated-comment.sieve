redirect "a@example.org (oops";
