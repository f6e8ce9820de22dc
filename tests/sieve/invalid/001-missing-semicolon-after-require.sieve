# expect: 3:1: missing ';' at the end of line 2
require "fileinto"
fileinto "Spam";
