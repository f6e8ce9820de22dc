require "vacation";
vacation :from "\"Jane\" <jane@example.org>" "x";
