redirect "Jane (work) <jane@example.org>";
