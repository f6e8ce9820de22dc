# expect: 3:11: tag ':type' requires ':mime'
require "mime";
if header :type "content-type" "text" {
  keep;
}
