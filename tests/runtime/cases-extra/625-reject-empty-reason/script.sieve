# purpose: reject with an empty reason
require ["reject"];
reject "";
