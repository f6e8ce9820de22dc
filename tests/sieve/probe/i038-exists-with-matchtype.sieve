if exists :is "from" { keep; }
