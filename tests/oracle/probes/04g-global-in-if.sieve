require ["include","variables"];
if true { global "x"; }
