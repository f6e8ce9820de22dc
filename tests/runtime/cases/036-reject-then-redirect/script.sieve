require ["reject"];
reject "no";
redirect "carol@example.net";
