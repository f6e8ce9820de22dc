# expect: 3:20: conflicts with ':quotewildcard'
require ["variables", "regex"];
set :quotewildcard :quoteregex "x" "a*b";
