foo;
foo;
bar;
