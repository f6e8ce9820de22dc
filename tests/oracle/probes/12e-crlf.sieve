require "fileinto";
fileinto text:
x
.
;
keep;
