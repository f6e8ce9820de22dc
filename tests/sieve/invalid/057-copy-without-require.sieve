# expect: 2:10: requires the "copy" extension
redirect :copy "archive@example.org";
