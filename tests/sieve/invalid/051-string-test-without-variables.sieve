# expect: 2:4: requires the "variables" extension
if string :is "a" "b" {
  keep;
}
