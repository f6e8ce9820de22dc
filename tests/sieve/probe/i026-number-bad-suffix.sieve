if size :over 10KB { keep; }
