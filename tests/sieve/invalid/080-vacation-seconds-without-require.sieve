# expect: 3:10: requires the "vacation-seconds" extension
require "vacation";
vacation :seconds 3600 "I am away.";
