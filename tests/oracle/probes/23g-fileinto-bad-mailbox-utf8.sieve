require "fileinto";
fileinto "aÿb";
