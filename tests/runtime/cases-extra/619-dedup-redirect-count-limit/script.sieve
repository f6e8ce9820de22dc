# purpose: five redirects with one duplicate: does the limit (4) count the duplicate?
redirect "r1@example.net";
redirect "r2@example.net";
redirect "r1@example.net";
redirect "r3@example.net";
redirect "r4@example.net";
