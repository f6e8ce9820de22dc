# expect: 2:27: carriage return (CR)
if header :is "subject" "ab" {
  keep;
}
