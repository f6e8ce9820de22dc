require "ihave";
fileinto "x";
if ihave "fileinto" { keep; }
