require "fileinto";
fileinto "";
