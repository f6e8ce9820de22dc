require "fileinto";
fileinto text:
x
.