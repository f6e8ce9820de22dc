# expect: 3:5: requires the "regex" extension
require "variables";
set :quoteregex "q" "a.b";
