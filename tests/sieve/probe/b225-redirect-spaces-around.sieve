redirect " a@example.org ";
