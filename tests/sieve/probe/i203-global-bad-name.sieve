require ["include", "variables"];
global "a-b";
