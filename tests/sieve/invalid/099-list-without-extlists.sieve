# expect: 2:11: requires the "extlists" extension
if header :list "from" ":addrbook:personal" {
  keep;
}
