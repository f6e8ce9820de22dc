require ["copy", "fileinto"];
fileinto :copy "Backup";
redirect :copy "me@example.org";
