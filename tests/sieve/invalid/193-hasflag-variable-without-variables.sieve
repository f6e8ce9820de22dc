# expect: 3:12: requires the "variables" extension
require "imap4flags";
if hasflag "myflags" "\\Seen" {
  keep;
}
