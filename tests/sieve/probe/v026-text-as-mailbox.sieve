require "fileinto";
fileinto text:
Folder
.
;
