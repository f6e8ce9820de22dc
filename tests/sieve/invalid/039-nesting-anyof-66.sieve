# expect: 2:190: tests nested deeper than 31 levels
if anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(anyof(true))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))) {
  keep;
}
