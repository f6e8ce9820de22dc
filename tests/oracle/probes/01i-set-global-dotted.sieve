require ["variables","include"];
set "global.x" "a";
