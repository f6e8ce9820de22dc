# leading comment
require /* inline */ [ /* a */ "fileinto" /* b */ , # c
  "envelope" ] /* d */ ; # e
if /* x */ header /* y */ :contains /* z */ "subject" /* w */ "hello" # after key
{ # open
  /* before cmd */ fileinto /* mid */ "Inbox.hello" /* before ; */ ; # after
} /* between */ else /* else */ { keep /* k */ ; }
/* trailing */
