require "fileinto";
fileinto text:
ÿ
.
;
