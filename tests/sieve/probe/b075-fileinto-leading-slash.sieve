require "fileinto";
fileinto "/abs";
