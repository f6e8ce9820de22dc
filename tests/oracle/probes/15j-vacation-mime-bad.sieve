require "vacation";
vacation :mime "not a mime body";
