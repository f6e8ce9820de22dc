# expect: 3:11: tag ':last' requires ':index'
require "index";
if header :last :is "received" "x" {
  keep;
}
