# expect: 3:18: must be a string list, not a number
require "mailbox";
if mailboxexists 1 {
  keep;
}
