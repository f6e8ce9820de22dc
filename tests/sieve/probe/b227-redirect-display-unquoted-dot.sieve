redirect "J. Doe <j@example.org>";
