# expect: 2:4: requires the "mboxmetadata" extension
if metadata :is "INBOX" "/private/comment" "x" {
  keep;
}
