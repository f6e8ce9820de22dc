require "include";
include ["inc-helper"];
