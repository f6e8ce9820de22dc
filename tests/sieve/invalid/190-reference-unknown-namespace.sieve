# expect: 3:10: unknown variable namespace 'foo'
require ["variables", "fileinto"];
fileinto "${foo.bar}";
