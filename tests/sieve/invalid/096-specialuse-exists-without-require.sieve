# expect: 2:4: requires the "special-use" extension
if specialuse_exists "\\Junk" {
  keep;
}
