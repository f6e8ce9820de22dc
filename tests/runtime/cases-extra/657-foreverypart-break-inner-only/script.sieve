# purpose: break :name of the inner loop continues the outer loop
require ["foreverypart", "mime", "fileinto", "variables"];
set "log" "";
foreverypart :name "a" {
  set "log" "${log}A";
  foreverypart :name "b" {
    set "log" "${log}b";
    break :name "b";
  }
}
fileinto "log=${log}";
