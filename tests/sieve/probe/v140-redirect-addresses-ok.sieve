redirect "Jane Doe <jane@example.org>";
redirect "<bob@example.org>";
redirect "\"john smith\"@example.org";
redirect "first.last+tag@sub.example.co.uk";
redirect "user@[192.0.2.1]";
