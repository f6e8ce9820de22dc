require "include";
include :once "no-such-script";
