require "ihave";
error ["a","b"];
