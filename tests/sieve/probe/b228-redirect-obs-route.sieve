redirect "<@relay.example:j@example.org>";
