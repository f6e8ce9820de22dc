redirect "a@my_host.example";
