require "include";
include "my script";
