require "reject";
if size :over 10M { reject "Too big"; stop; }
