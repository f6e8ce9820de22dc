require "ihave";
error text:
multi
.
;
