# c
keep;
# c2
require "fileinto";
fileinto "a";
