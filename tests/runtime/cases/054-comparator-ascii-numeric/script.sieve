# purpose: ascii-numeric: leading digits only; no digits = positive infinity
require ["fileinto", "comparator-i;ascii-numeric"];
if header :is :comparator "i;ascii-numeric" "X-Num" "7" {
  fileinto "n007-yes";
} else {
  fileinto "n007-no";
}
if header :is :comparator "i;ascii-numeric" "X-Num2" "12" {
  fileinto "n-trailing-yes";
} else {
  fileinto "n-trailing-no";
}
if header :is :comparator "i;ascii-numeric" "X-Alpha" "999" {
  fileinto "n-nondigit-inf-yes";
} else {
  fileinto "n-nondigit-inf-no";
}
if header :is :comparator "i;ascii-numeric" "X-Alpha" "zzz" {
  fileinto "n-both-inf-yes";
} else {
  fileinto "n-both-inf-no";
}
