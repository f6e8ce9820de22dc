# RFC 5228 section 4.3 (Action keep)
if size :under 1M { keep; } else { discard; }
