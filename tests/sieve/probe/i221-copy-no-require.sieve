redirect :copy "a@b.example";
