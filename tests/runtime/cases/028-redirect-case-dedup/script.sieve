# purpose: are redirect targets compared case-insensitively?
redirect "Carol@Example.NET";
redirect "carol@example.net";
