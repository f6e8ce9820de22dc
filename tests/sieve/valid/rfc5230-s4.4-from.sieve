# RFC 5230 section 4.4 (:from)
require "vacation";
vacation :days 7 :from "hemingway@example.com" "Gone fishing";
