# expect: 2:17: conflicts with ':all'
if address :all :domain "from" "example.org" {
  keep;
}
