# c
/* c */
require "fileinto";
