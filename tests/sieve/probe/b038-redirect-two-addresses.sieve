redirect "a@b.example, c@d.example";
