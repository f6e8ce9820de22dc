redirect ".a@example.org";
