require ["include", "variables"];
keep;
global "g";
