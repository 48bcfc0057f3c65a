#!/usr/bin/python3
"""Every relative link of the Markdown files (README.md, CHANGELOG.md, docs/,
examples/) points at a file or folder of the repository, every path to a
document the sources' comments name (docs/….md) exists, and every ADR in
docs/adr/ is listed in docs/README.md.

Usage: check_links.py REPO"""

import glob
import os
import re
import sys

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def main():
    repo = sys.argv[1]
    files = [os.path.join(repo, "README.md"), os.path.join(repo, "CHANGELOG.md")]
    files += glob.glob(os.path.join(repo, "docs", "**", "*.md"), recursive=True)
    files += glob.glob(os.path.join(repo, "examples", "**", "*.md"), recursive=True)
    broken = []
    for path in files:
        text = open(path, encoding="utf-8").read()
        # Code is not prose: links inside code blocks and spans are not links.
        text = re.sub(r"```.*?```", "", text, flags=re.S)
        text = re.sub(r"`[^`\n]*`", "", text)
        for target in LINK.findall(text):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            local = target.split("#", 1)[0]
            if not os.path.exists(os.path.normpath(os.path.join(os.path.dirname(path), local))):
                broken.append("%s: %s" % (os.path.relpath(path, repo), target))
    named = re.compile(r"\bdocs/[A-Za-z0-9_./-]+\.md\b")
    for root in ("include", "src", "examples", "tests", "scripts"):
        for path in glob.glob(os.path.join(repo, root, "**", "*"), recursive=True):
            if not os.path.isfile(path) or not path.endswith((".hpp", ".cpp", ".py", ".cmake", ".txt", ".sh")):
                continue
            for target in named.findall(open(path, encoding="utf-8", errors="replace").read()):
                if not os.path.exists(os.path.join(repo, target)):
                    broken.append("%s names %s" % (os.path.relpath(path, repo), target))
    index = open(os.path.join(repo, "docs", "README.md"), encoding="utf-8").read()
    for adr in sorted(glob.glob(os.path.join(repo, "docs", "adr", "*.md"))):
        if "adr/" + os.path.basename(adr) not in index:
            broken.append("docs/README.md does not list %s" % os.path.relpath(adr, repo))
    for b in broken:
        print(b)
    print("%d Markdown files, %d broken links or unlisted ADRs" % (len(files), len(broken)))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
