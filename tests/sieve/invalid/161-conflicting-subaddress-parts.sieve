# expect: 3:18: conflicts with ':user'
require "subaddress";
if address :user :detail "to" "x" {
  keep;
}
