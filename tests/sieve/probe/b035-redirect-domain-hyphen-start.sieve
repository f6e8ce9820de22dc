redirect "a@-bad.example";
