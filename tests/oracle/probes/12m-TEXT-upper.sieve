require "fileinto";
fileinto TEXT:
x
.
;
