require "ihave";
if ihave ["fileinto", "reject"] { keep; } else { reject "x"; }
