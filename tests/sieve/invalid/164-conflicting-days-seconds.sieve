# expect: 3:18: conflicts with ':days'
require "vacation-seconds";
vacation :days 1 :seconds 60 "I am away.";
