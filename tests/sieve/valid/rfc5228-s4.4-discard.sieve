# RFC 5228 section 4.4 (Action discard)
if header :contains ["from"] ["idiot@example.com"] {
    discard;
}
