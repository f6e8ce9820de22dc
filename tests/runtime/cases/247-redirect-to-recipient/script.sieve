# purpose: redirect back to the envelope recipient (loop?); see exec.txt
redirect "bob@example.org";
