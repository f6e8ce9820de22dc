require "include";
include "27a-cmd-typo";
