if address "from" "a@b.c" :domain { keep; }
