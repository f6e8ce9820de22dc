redirect "a.@example.org";
