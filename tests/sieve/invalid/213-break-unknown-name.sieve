# expect: 4:15: no enclosing 'foreverypart' is named "outer"
require "foreverypart";
foreverypart :name "inner" {
  break :name "outer";
}
