# expect: 3:1: 'global' requires the "variables" extension
require "include";
global "counter";
