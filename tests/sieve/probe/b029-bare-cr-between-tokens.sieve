keep;discard;
