keep;
# final comment
