require "include";
include :once :optional "doesnotexist";
