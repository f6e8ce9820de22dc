require "include";
include :optional "";
