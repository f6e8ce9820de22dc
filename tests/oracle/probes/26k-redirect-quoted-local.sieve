redirect "\"a b\"@c";
