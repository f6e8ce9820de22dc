notify "mailto:a@b.example";
