redirect "a@b.";
