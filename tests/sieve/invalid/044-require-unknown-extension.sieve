# expect: 2:9: unknown extension "x-frobnicate"
require "x-frobnicate";
