require "fileinto";
require "envelope";
require ["fileinto", "reject"];
# all at the top
fileinto "a";
