redirect "jö@example.com";
