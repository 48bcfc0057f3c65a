#!/usr/bin/python3
"""The rooms of src/ point one way: every #include "room/..." in a room's files
is the room itself or one docs/architecture.md's table lets it include, every
folder of src/ is in the table, and the public headers include nothing of src/.

Usage: include_direction.py REPO"""

import os
import re
import sys

ROW = re.compile(r"^\| `(\w+)` \| [^|]+ \| [^|]+ \| ([^|]+) \|$")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/')


def rules(architecture):
    table = {}
    for line in open(architecture, encoding="utf-8"):
        m = ROW.match(line.strip())
        if m:
            allowed = m.group(2).strip()
            table[m.group(1)] = set() if allowed == "—" else {a.strip() for a in allowed.split(",")}
    return table


def main():
    repo = sys.argv[1]
    table = rules(os.path.join(repo, "docs", "architecture.md"))
    src = os.path.join(repo, "src")
    problems = []
    rooms = sorted(d for d in os.listdir(src) if os.path.isdir(os.path.join(src, d)))
    for room in rooms:
        if room not in table:
            problems.append("src/%s/ is not a room of docs/architecture.md" % room)
            continue
        for folder, _, files in os.walk(os.path.join(src, room)):
            for name in files:
                path = os.path.join(folder, name)
                for number, line in enumerate(open(path, encoding="utf-8", errors="replace"), 1):
                    m = INCLUDE.match(line)
                    if m and m.group(1) != room and m.group(1) not in table[room]:
                        problems.append("%s:%d: %s may not include %s/" % (
                            os.path.relpath(path, repo), number, room, m.group(1)))
    include = os.path.join(repo, "include")
    for folder, _, files in os.walk(include):
        for name in files:
            path = os.path.join(folder, name)
            for number, line in enumerate(open(path, encoding="utf-8"), 1):
                if re.match(r'^\s*#\s*include\s+"', line):
                    problems.append("%s:%d: a public header includes a file of src/ or a local one" % (
                        os.path.relpath(path, repo), number))
    for p in problems:
        print(p)
    if problems:
        return 1
    print("%d rooms, every include points down the table of docs/architecture.md" % len(rooms))
    return 0


if __name__ == "__main__":
    sys.exit(main())
