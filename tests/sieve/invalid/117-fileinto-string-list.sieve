# expect: 3:10: must be a string, not a string list
require "fileinto";
fileinto ["a", "b"];
