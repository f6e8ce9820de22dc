discard "x";
