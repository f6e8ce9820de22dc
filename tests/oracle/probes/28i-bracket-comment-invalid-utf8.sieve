/* ÿ */ keep;
