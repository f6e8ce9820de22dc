require "reject";
reject text:
line one
..dot
.
;
