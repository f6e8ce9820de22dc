keep;
# eof comment