require "fileinto";
fileinto text: x
x
.
;
