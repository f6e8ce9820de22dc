if exists { keep; }
