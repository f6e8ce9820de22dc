# expect: 3:4: 'date' needs 3 positional arguments, 2 given
require "date";
if date :is "date" "year" {
  keep;
}
