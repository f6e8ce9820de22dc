require "fileinto";
fileinto 5;
