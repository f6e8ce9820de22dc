if "true" { keep; }
