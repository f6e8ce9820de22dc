# RFC 5228 section 2.3 (Comments): hash comments and bracketed comments
if size :over 100k { # this is a comment
    discard;
}

if size :over 100K { /* this is a comment
    this is still a comment */ discard /* this is a comment
    */ ;
}
