# expect: 2:9: did you mean "fileinto"
require "fileinot";
