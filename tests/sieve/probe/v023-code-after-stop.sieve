keep;
stop;
discard;
if true { keep; }
