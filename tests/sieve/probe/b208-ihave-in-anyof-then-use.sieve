require "ihave";
if anyof(ihave "fileinto", false) { fileinto "x"; }
