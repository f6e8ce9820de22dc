require "virustest";
if virustest 5 { keep; }
