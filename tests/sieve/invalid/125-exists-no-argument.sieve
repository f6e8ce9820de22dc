# expect: 2:4: 'exists' needs 1 positional argument
if exists {
  keep;
}
