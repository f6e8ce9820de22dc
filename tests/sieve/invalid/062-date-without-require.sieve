# expect: 2:4: requires the "date" extension
if date :is "date" "year" "2024" {
  keep;
}
