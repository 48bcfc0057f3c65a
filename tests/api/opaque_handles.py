#!/usr/bin/python3
"""Public handles expose no implementation: in the public part of a class in
include/nes/, no impl() accessor and no constructor or function that takes a
detail:: type. (Private members may: that is the pimpl.)

Usage: opaque_handles.py INCLUDE_DIR"""

import os
import re
import sys

HEAD = re.compile(r"^(class|struct) (NES_EXPORT )?(\w+)\b[^;]*$")


def main():
    problems = []
    for folder, _, files in os.walk(sys.argv[1]):
        for name in files:
            if not name.endswith(".hpp") or "/detail" in folder:
                continue
            path = os.path.join(folder, name)
            access, depth, cls = None, 0, None
            for number, line in enumerate(open(path, encoding="utf-8"), 1):
                m = HEAD.match(line)
                if m and depth == 0:
                    cls, access = m.group(3), ("private" if m.group(1) == "class" else "public")
                if cls and depth == 1:
                    stripped = line.strip()
                    if stripped in ("public:", "private:", "protected:"):
                        access = stripped[:-1]
                    elif access == "public" and not stripped.startswith("//"):
                        if re.search(r"\bimpl\(\)", stripped) or (
                                "detail::" in stripped and "(" in stripped and "friend" not in stripped):
                            problems.append("%s:%d: %s exposes its implementation: %s" % (path, number, cls, stripped))
                if not re.match(r"^(namespace\b.*\{|\}\s*// namespace)", line):  # namespaces are no depth
                    depth += line.count("{") - line.count("}")
                if depth == 0:
                    cls = None
    for p in problems:
        print(p)
    if problems:
        return 1
    print("no public handle exposes impl() or takes a detail:: type")
    return 0


if __name__ == "__main__":
    sys.exit(main())
