# expect: 3:11: tag ':anychild' requires ':mime'
require "mime";
if header :anychild "content-type" "text/html" {
  keep;
}
