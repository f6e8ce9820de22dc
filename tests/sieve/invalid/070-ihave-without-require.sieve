# expect: 2:4: requires the "ihave" extension
if ihave "fileinto" {
  keep;
}
