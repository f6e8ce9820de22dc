redirect "a@example.org (x (y) z)";
