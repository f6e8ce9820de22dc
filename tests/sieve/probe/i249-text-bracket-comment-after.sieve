require "reject";
reject text: /* c */
bye
.
;
