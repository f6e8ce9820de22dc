redirect "not-an-address";
