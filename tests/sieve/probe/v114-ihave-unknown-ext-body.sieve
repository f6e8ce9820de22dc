require "ihave";
if ihave "x-nonexistent" {
  xcommand :tag "a";
}
