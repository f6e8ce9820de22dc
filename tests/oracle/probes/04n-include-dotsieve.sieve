require "include";
include :optional "x.sieve";
