# RFC 3894 (copy) example
require ["copy", "fileinto"];
fileinto :copy "incoming";

# ... user's normal processing ...
