if header { keep; }
