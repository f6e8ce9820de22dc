require ["include", "variables"];
global "spamscore";
set "spamscore" "1";
return;
