redirect ["a@b.example"];
