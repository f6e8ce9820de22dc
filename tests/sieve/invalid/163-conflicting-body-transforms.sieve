# expect: 3:14: conflicts with ':raw'
require "body";
if body :raw :text :contains "x" {
  discard;
}
