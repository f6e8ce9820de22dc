require "fileinto";
fileinto :flags "\\Seen" "x";
