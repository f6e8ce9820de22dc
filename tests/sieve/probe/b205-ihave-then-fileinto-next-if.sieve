require "ihave";
if ihave "fileinto" { keep; }
if true { fileinto "x"; }
