require "virustest";
if virustest "1" { keep; }
