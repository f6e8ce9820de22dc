require "ihave";
if anyof(ihave "fileinto", true) { fileinto "x"; }
