require "reject";
reject text:
hi
.
;
