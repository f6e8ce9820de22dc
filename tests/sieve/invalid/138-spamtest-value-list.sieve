# expect: 3:17: must be a string, not a string list
require "spamtest";
if spamtest :is ["9", "10"] {
  discard;
}
