# expect: 3:10: requires the "special-use" extension
require "fileinto";
fileinto :specialuse "\\Junk" "Spam";
