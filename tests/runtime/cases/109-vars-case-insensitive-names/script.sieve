require ["variables", "fileinto"];
set "Foo" "one";
set "FOO" "two";
fileinto "${foo}-${fOo}";
