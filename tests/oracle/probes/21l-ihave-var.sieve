require ["ihave","variables"];
set "e" "fileinto";
if ihave "${e}" { keep; }
