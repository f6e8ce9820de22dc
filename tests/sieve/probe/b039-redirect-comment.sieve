redirect "a@b.example (work)";
