require "include";
include :personal :personal "inc-helper";
