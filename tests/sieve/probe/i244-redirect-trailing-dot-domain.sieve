redirect "a@example.org.";
