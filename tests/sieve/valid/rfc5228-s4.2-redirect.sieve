# RFC 5228 section 4.2 (Action redirect)
redirect "bart@example.com";
