require "ihave";
error "msg";
