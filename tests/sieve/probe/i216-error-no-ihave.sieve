error "boom";
