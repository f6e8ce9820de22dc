#!/usr/bin/env python3
"""Regenerates the probe scripts (byte-exact). Run from this directory."""
import os
here = os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(here, "gen_part1.py")).read())
exec(open(os.path.join(here, "gen_part2.py")).read())
exec(open(os.path.join(here, "gen_part3.py")).read())
exec(open(os.path.join(here, "gen_part4.py")).read())
exec(open(os.path.join(here, "gen_part5.py")).read())
exec(open(os.path.join(here, "gen_part6.py")).read())
for name, body in S.items():
    data = body if isinstance(body, bytes) else body.encode("utf-8")
    with open(os.path.join(here, name + ".sieve"), "wb") as f:
        f.write(data)
print(len(S), "scripts")
