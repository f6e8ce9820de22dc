require "ihave";
if ihave "fileinto" { keep; } else { fileinto "x"; }
