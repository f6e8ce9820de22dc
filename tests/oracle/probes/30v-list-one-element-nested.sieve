if header ["x"] [["y"]] { keep; }
