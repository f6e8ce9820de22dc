# Gelöscht
keep;
