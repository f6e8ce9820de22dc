# expect: 3:1: did you mean 'fileinto'
require "fileinto";
fileinot "Spam";
