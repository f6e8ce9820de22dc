redirect "<a@b>";
