# expect: 3:3: only allowed at the top level
if true {
  require "fileinto";
}
