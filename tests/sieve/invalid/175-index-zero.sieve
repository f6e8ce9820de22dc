# expect: 3:18: :index counts from 1
require "index";
if header :index 0 :is "received" "x" {
  keep;
}
