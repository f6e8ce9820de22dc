# expect: 3:35: conflicts with ':header'
require "duplicate";
if duplicate :header "message-id" :uniqueid "x" {
  discard;
}
