# expect: 2:4: requires the "environment" extension
if environment :is "domain" "example.org" {
  keep;
}
