require ["include", "variables"];
if true {
  global "later";
  set "later" "x";
}
