redirect "undisclosed:;";
