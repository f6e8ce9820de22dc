require ["reject"];
reject text:
Line one of the reason.
Line "two".
.
;
