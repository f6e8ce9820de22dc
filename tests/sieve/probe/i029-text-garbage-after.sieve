require "reject";
reject text: hello
bye
.
;
