require "include";
include :optional :optional "inc-helper";
