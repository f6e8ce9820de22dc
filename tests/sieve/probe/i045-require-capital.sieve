require "Fileinto";
Fileinto "x";
