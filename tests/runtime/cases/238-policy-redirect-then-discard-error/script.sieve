require ["copy"];
redirect "a@example.net";
redirect :copy "b@example.net";
discard;
