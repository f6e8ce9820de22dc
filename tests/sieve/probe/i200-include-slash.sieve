require "include";
include "sub/script";
