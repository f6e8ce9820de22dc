require "fileinto";
fileinto text: # comment
x
.
;
