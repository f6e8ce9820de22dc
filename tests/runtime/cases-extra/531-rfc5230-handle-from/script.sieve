# purpose: RFC 5230 :handle and :from examples
require "vacation";
vacation :days 7 :handle "ran-away" :from "hemingway@example.com"
  "I'm out and can't read my mail.";
