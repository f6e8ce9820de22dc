# expect: 2:12: requires the "subaddress" extension
if address :detail "to" "lists" {
  discard;
}
