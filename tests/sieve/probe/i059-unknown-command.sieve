require "fileinto";
file_into "x";
