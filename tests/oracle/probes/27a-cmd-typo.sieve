require "fileinto";
fileinot "x";
