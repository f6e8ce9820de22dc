# expect: 3:23: must be a number, not a string
require "duplicate";
if duplicate :seconds "60" {
  discard;
}
