# purpose: 5 redirects > sieve_max_redirects (4) -> runtime error
redirect "r1@example.net";
redirect "r2@example.net";
redirect "r3@example.net";
redirect "r4@example.net";
redirect "r5@example.net";
