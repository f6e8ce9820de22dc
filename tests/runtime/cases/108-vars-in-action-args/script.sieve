require ["variables", "fileinto", "reject"];
set "dom" "example.net";
set "box" "Lists";
fileinto "${box}/${dom}";
redirect "archive@${dom}";
