#!/usr/bin/env python3
"""Checks every `import` in Sources/ against the module table in docs/architecture.md.

The document is the single source: its "Module table" section has one row per directory of Sources/, whose last
cell lists (in backticks) every module that module may import, and one line "Allowed everywhere ..." listing the
modules any module may import. Fails, naming file, line and import, on:
- an import the table does not allow;
- a directory of Sources/ with no row, or a row with no directory;
- a C wrapper (kind "C wrapper") allowed in more than one module, since each C library has one Swift owner.

Usage: check-imports.py [--root DIR]   (DIR defaults to the repository holding this script)
"""

import argparse
import pathlib
import re
import sys

DOCUMENT = "docs/architecture.md"
TABLE_HEADING = "## Module table"
EVERYWHERE = "Allowed everywhere"
NAME = re.compile(r"`([A-Za-z_][A-Za-z0-9_-]*)`")
IMPORT = re.compile(
    r"^\s*(?:@[A-Za-z_]+(?:\([^)]*\))?\s+)*"
    r"(?:(?:public|package|internal|fileprivate|private)\s+)?"
    r"import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?"
    r"([A-Za-z_][A-Za-z0-9_]*)"
)


class TableError(Exception):
    """The document does not hold a table this script can read."""


def read_table(document):
    """Returns ({module: (kind, allowed set)}, everywhere set) from the document's module table section."""
    lines = document.read_text(encoding="utf-8").splitlines()
    try:
        start = lines.index(TABLE_HEADING)
    except ValueError:
        raise TableError(f"{document}: no '{TABLE_HEADING}' section")
    rows, everywhere = {}, None
    for number, line in enumerate(lines[start + 1:], start + 2):
        if line.startswith("## "):
            break
        if line.startswith(EVERYWHERE):
            everywhere = set(NAME.findall(line))
            continue
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        module = NAME.fullmatch(cells[0])
        if module is None:
            continue
        if len(cells) < 4:
            raise TableError(f"{document}:{number}: the row of {cells[0]} needs module, kind, owns, may import")
        name = module.group(1)
        if name in rows:
            raise TableError(f"{document}:{number}: {name} has two rows")
        rows[name] = (cells[1], set(NAME.findall(cells[-1])))
    if not rows:
        raise TableError(f"{document}: the '{TABLE_HEADING}' section has no rows")
    if everywhere is None:
        raise TableError(f"{document}: the '{TABLE_HEADING}' section has no '{EVERYWHERE}' line")
    return rows, everywhere


def imports(path):
    """Yields (line number, module) for every import statement, skipping multi-line string literals."""
    in_string = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.count('"""') % 2 == 1:
            in_string = not in_string
            continue
        if in_string:
            continue
        match = IMPORT.match(line)
        if match:
            yield number, match.group(1)


def check(root):
    """Returns the list of problems found under `root`."""
    rows, everywhere = read_table(root / DOCUMENT)
    sources = root / "Sources"
    modules = sorted(entry.name for entry in sources.iterdir() if entry.is_dir())
    problems = []
    for module in modules:
        if module not in rows:
            problems.append(f"Sources/{module}: module has no row in {DOCUMENT}'s module table")
    for module in sorted(set(rows) - set(modules)):
        problems.append(f"{DOCUMENT}: the row of {module} names no directory of Sources/")
    owners = {}
    for module, (_, allowed) in rows.items():
        for name in allowed:
            if rows.get(name, ("",))[0] == "C wrapper":
                owners.setdefault(name, []).append(module)
    for wrapper, users in sorted(owners.items()):
        if len(users) > 1:
            problems.append(f"{DOCUMENT}: C wrapper {wrapper} is allowed in {', '.join(sorted(users))}; "
                            "it must have one owner")
    for module in modules:
        if module not in rows:
            continue
        allowed = rows[module][1] | everywhere | {module}
        for path in sorted((sources / module).rglob("*.swift")):
            for number, name in imports(path):
                if name not in allowed:
                    shown = ", ".join(sorted(rows[module][1])) or "none"
                    problems.append(f"{path.relative_to(root)}:{number}: import {name} is not allowed in {module} "
                                    f"({DOCUMENT} allows: {shown})")
    return problems


def main():
    parser = argparse.ArgumentParser(description="Check Sources/ imports against docs/architecture.md.")
    parser.add_argument("--root", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parent.parent)
    arguments = parser.parse_args()
    try:
        problems = check(arguments.root)
    except TableError as error:
        print(f"check-imports: {error}", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"check-imports: {len(problems)} problem(s); fix the import or the table in {DOCUMENT}",
              file=sys.stderr)
        return 1
    print("check-imports: every import in Sources/ is allowed by docs/architecture.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
