require "include";
include "04j-include-self";
