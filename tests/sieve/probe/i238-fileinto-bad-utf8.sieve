require "fileinto";
fileinto "BadÿşBox";
