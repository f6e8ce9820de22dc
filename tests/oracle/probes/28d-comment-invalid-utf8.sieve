# aÿþ
keep;
