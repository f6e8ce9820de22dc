# expect: 3:16: invalid vacation :from address
require "vacation";
vacation :from "not an address" "I am away.";
