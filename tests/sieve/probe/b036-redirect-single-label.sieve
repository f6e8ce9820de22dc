redirect "root@localhost";
