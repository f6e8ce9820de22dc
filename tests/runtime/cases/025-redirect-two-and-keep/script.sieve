redirect "carol@example.net";
redirect "dave@example.net";
keep;
