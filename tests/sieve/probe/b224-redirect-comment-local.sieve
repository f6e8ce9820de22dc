redirect "a(c)@example.org";
