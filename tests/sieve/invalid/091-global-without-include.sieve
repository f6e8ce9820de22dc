# expect: 3:1: requires the "include" extension
require "variables";
global "counter";
