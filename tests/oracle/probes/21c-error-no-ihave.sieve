error "msg";
