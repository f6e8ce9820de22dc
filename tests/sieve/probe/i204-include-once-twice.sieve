require "include";
include :once :once "inc-helper";
