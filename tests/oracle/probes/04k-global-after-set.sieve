require ["include","variables"];
set "y" "1";
global "x";
