if exists "Subject:" { keep; }
