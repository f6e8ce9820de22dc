redirect "Carol <carol@example.net>";
redirect "carol@example.net";
