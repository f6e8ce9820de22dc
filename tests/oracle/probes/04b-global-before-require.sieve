global "x";
require ["include","variables"];
