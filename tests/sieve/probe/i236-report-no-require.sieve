report "abuse" "x" "a@b.example";
