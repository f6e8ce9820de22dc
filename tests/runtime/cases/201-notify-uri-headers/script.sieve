require ["enotify"];
notify "mailto:alerts@example.net?cc=ops@example.net&subject=Hello%20there&body=Line%201&X-Tag=abc";
