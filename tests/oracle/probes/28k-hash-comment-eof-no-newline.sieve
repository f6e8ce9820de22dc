keep;
# end