require "include";
include "08k-empty-block";
