#!/usr/bin/python3
"""Every C++ code block of README.md and docs/*.md, compiled against the
installed NES SDK, and the complete ones run.

Each ```cpp block must follow a marker line the test reads:
  <!-- snippet: program -->          a complete program: compiled, linked
                                     (nes::nes, nes::portal) and run; exit 0
  <!-- snippet: fragment PRELUDE --> a piece of a function: compiled inside
                                     the function tests/docs/preludes/PRELUDE.hpp
                                     declares (its parameters are the names the
                                     fragment uses and does not declare)
A block without a marker fails the test. The programs get this build's
compiler and flags, so under the asan preset they run under AddressSanitizer.

Usage: check_snippets.py REPO PREFIX BUILD_DIR CXX "CXX_FLAGS" GENERATOR"""

import glob
import os
import re
import shutil
import subprocess
import sys

MARKER = re.compile(r"^<!-- snippet: (program|fragment (\w+)) -->$")


def blocks(path):
    """(line, kind, prelude, code) for each ```cpp block of a Markdown file."""
    lines = open(path, encoding="utf-8").read().split("\n")
    found = []
    i = 0
    while i < len(lines):
        if lines[i].strip() == "```cpp":
            start = i
            j = i + 1
            while j < len(lines) and lines[j].strip() != "```":
                j += 1
            marker = MARKER.match(lines[start - 1].strip()) if start > 0 else None
            if not marker:
                raise SystemExit("%s:%d: a ```cpp block without a <!-- snippet: … --> marker" % (path, start + 1))
            kind = "program" if marker.group(1) == "program" else "fragment"
            found.append((start + 1, kind, marker.group(2), "\n".join(lines[start + 1:j])))
            i = j
        i += 1
    return found


def fragment_source(code, prelude, preludes):
    header = os.path.join(preludes, prelude + ".hpp")
    if not os.path.exists(header):
        raise SystemExit("no prelude %s" % header)
    includes = [line for line in code.split("\n") if line.startswith("#include")]
    body = [line for line in code.split("\n") if not line.startswith("#include")]
    return "\n".join(includes + ['#include "%s"' % header, "NES_SNIPPET_SIGNATURE {", "NES_SNIPPET_LOCALS"] + body +
                     ["}", ""])


def run(args, cwd=None, timeout=600):
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise SystemExit("failed (%d): %s\n%s\n%s" % (done.returncode, " ".join(args), done.stdout, done.stderr))
    return done


def main():
    repo, prefix, build, cxx, cxx_flags, generator = sys.argv[1:7]
    preludes = os.path.join(repo, "tests", "docs", "preludes")
    docs = [os.path.join(repo, "README.md")] + sorted(glob.glob(os.path.join(repo, "docs", "*.md")))
    shutil.rmtree(build, ignore_errors=True)
    os.makedirs(build)
    programs, fragments, origin = [], [], {}
    for doc in docs:
        for line, kind, prelude, code in blocks(doc):
            name = "%s_%d" % (re.sub(r"\W", "_", os.path.relpath(doc, repo)), line)
            origin[name] = "%s:%d" % (os.path.relpath(doc, repo), line)
            with open(os.path.join(build, name + ".cpp"), "w", encoding="utf-8") as out:
                out.write(code + "\n" if kind == "program" else fragment_source(code, prelude, preludes))
            (programs if kind == "program" else fragments).append(name)
    with open(os.path.join(build, "CMakeLists.txt"), "w") as out:
        out.write("cmake_minimum_required(VERSION 3.25)\nproject(nes_doc_snippets LANGUAGES CXX)\n"
                  "set(CMAKE_CXX_STANDARD 20)\nfind_package(nes 0.1 CONFIG REQUIRED)\n")
        if fragments:
            out.write("add_library(fragments OBJECT %s)\n" % " ".join(f + ".cpp" for f in fragments))
            out.write("target_link_libraries(fragments PRIVATE nes::nes nes::portal)\n")
        for p in programs:
            out.write("add_executable(%s %s.cpp)\ntarget_link_libraries(%s PRIVATE nes::nes nes::portal)\n" % (p, p, p))
    tree = os.path.join(build, "build")
    run(["cmake", "-S", build, "-B", tree, "-G", generator, "-DCMAKE_PREFIX_PATH=" + prefix,
         "-DCMAKE_CXX_COMPILER=" + cxx, "-DCMAKE_CXX_FLAGS=" + cxx_flags])
    run(["cmake", "--build", tree, "--", "-j2"])
    passed = 0
    for p in programs:
        done = subprocess.run([os.path.join(tree, p)], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise SystemExit("%s exited %d\n%s\n%s" % (origin[p], done.returncode, done.stdout, done.stderr))
        print("ran %s: %s" % (origin[p], done.stdout.strip().split("\n")[-1]))
        passed += 1
    for f in fragments:
        print("compiled %s" % origin[f])
    print("snippets: %d compiled, %d of them run" % (len(programs) + len(fragments), passed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
