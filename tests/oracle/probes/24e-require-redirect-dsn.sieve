require "redirect-dsn";
redirect :notify "NEVER" "a@b";
