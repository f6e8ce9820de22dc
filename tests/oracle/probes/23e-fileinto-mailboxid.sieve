require "fileinto";
fileinto :mailboxid "x" "y";
