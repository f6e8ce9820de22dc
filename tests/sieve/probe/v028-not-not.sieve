if not not not exists "x" { keep; }
