# expect: 3:8: invalid global variable name "1x"
require ["include", "variables"];
global "1x";
