require "fileinto";
fileinto text: /* c */
x
.
;
