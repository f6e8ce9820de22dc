# RFC 5228 sections 5.2/5.3 (allof / anyof truth tables), fragment
# completed into a script: each listed expression used as a test.
if allof (false, false) { discard; }
if allof (false, true)  { discard; }
if allof (true, true)   { keep; }
if anyof (false, false) { discard; }
if anyof (false, true)  { keep; }
if anyof (true, true)   { keep; }
