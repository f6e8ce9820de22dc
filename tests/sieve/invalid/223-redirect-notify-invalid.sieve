# expect: 3:18: :notify must be "NEVER" or a list
require "redirect-dsn";
redirect :notify "SOMETIMES" "a@example.org";
