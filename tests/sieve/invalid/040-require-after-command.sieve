# expect: 3:1: must come before any other command
keep;
require "fileinto";
