require "reject";
reject "x";
keep;
