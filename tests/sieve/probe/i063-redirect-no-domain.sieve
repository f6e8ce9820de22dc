redirect "user@";
