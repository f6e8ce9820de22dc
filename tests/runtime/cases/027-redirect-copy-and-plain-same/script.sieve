require ["copy"];
redirect :copy "carol@example.net";
redirect "carol@example.net";
