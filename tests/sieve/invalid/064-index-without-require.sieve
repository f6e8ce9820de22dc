# expect: 2:11: requires the "index" extension
if header :index 1 :contains "received" "example.org" {
  keep;
}
