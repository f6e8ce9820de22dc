# expect: 2:11: requires the "mime" extension
if header :mime "content-type" "text/html" {
  keep;
}
