if envelope :is "from" "a@b.c" { keep; }
