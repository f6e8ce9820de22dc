keep;
/* unterminated
