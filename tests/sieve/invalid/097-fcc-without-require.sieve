# expect: 3:10: requires the "fcc" extension
require "vacation";
vacation :fcc "Sent" "I am away.";
