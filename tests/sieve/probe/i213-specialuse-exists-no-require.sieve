if specialuse_exists "\\Junk" { keep; }
