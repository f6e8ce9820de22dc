redirect "(c) a@example.org";
