if size :over "10K" { keep; }
