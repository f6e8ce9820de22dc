# purpose: empty script -> implicit keep
# nothing: implicit keep only
