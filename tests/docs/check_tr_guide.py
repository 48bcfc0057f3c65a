#!/usr/bin/python3
"""The Turkish guide (docs/tr/nes.md) is kept in step with docs/cli.md: every
command and every option cli.md documents appears in it too.

Usage: check_tr_guide.py REPO"""

import os
import re
import sys


def names(text):
    return set(re.findall(r"nes [a-z]+", text)), set(re.findall(r"--[a-z][a-z-]+", text))


def main():
    repo = sys.argv[1]
    commands, options = names(open(os.path.join(repo, "docs", "cli.md"), encoding="utf-8").read())
    tr_commands, tr_options = names(open(os.path.join(repo, "docs", "tr", "nes.md"), encoding="utf-8").read())
    missing = sorted(commands - tr_commands) + sorted(options - tr_options)
    for m in missing:
        print("docs/tr/nes.md does not mention " + m)
    print("%d commands and %d options of docs/cli.md; %d missing from docs/tr/nes.md"
          % (len(commands), len(options), len(missing)))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
