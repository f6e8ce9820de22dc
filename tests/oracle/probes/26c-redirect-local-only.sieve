redirect "user";
