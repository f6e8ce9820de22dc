# expect: 2:4: requires the "servermetadata" extension
if servermetadata :is "/shared/admin" "x" {
  keep;
}
