# expect: 2:9: unknown extension "comparator-i;foo"
require "comparator-i;foo";
