# RFC 6609 (include) example 1: the user's default (active) script
require ["include"];

include :personal "always_allow";
include :global "spam_tests";
include :personal "spam_tests";
include :personal "mailing_lists";
