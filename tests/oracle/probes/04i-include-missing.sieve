require "include";
include "doesnotexist";
