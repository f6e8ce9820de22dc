if size :over 0 { keep; }
if size :under 1k { keep; }
if size :under 1K { keep; }
if size :over 2m { keep; }
if size :over 2M { keep; }
if size :over 1g { keep; }
if size :over 000010 { keep; }
if size :over 4G { keep; }
