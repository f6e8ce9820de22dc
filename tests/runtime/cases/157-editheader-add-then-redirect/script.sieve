# purpose: exec.txt shows the redirected message with the edited header
require ["editheader"];
addheader "X-Forwarded-By" "sievegate";
deleteheader "Return-Path";
redirect "carol@example.net";
