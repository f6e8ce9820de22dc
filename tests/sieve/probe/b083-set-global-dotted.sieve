require ["include", "variables"];
set "global.g" "x";
