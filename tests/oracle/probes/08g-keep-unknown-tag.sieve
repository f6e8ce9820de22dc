keep :foo;
