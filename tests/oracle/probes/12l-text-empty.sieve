require "fileinto";
fileinto text:
.
;
