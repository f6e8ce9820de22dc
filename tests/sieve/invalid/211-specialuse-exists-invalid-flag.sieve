# expect: 3:33: invalid special-use flag "Trash"
require "special-use";
if specialuse_exists ["\\Junk", "Trash"] {
  keep;
}
