if allof (true) { keep; }
