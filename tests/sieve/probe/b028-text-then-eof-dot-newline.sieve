require "reject";
reject text:
x
.
;