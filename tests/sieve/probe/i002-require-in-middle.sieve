require "fileinto";
keep;
require "envelope";
