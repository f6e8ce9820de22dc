# purpose: message that Pigeonhole itself redirected before (loop check?)
redirect "carol@example.net";
