# expect: 2:1: requires the "ihave" extension
error "unsupported";
