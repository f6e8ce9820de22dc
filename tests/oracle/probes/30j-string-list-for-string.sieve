require "fileinto";
fileinto ["a"];
