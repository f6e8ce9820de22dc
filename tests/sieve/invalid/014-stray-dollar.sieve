# expect: 2:1: unexpected character '$'
$spam = 1;
