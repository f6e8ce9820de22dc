# expect: 2:12: requires the "subaddress" extension
if address :user "to" "joe" {
  keep;
}
