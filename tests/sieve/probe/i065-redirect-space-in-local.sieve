redirect "john smith@example.org";
