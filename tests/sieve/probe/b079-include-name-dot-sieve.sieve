require "include";
include "inc-helper.sieve";
