# expect: 2:4: 'address' needs 2 positional arguments, 0 given
if address :all :is {
  keep;
}
