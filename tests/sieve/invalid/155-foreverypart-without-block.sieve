# expect: 3:13: 'foreverypart' needs a block
require "foreverypart";
foreverypart;
