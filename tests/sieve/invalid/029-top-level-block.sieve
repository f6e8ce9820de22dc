# expect: 2:1: unexpected '{'
{
  keep;
}
