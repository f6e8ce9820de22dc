# expect: 2:4: requires the "imap4flags" extension
if hasflag "\\Flagged" {
  keep;
}
