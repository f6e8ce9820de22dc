redirect "a @example.org";
