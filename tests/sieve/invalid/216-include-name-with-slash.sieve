# expect: 3:9: invalid script name "lib/common"
require "include";
include "lib/common";
