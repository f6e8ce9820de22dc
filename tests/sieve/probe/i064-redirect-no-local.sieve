redirect "@example.org";
