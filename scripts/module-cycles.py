#!/usr/bin/env python3
"""Fails when a crate of the workspace has a module cycle.

Kiroku's crates are layered by module: a module may use its descendants, its ancestors and
its siblings, but two siblings must not use each other, directly or round a loop. For every
folder level of every crate this builds the graph "sibling A uses something inside sibling B"
from the `crate::`, `super::` and `self::` paths in the source (use trees expanded; an item
reached through a re-export is traced to the file that defines it) and reports every loop
with one line of evidence per edge. Test modules (`#[cfg(test)]` blocks and `tests.rs`) are
left out: tests may reach anywhere.

Usage: scripts/module-cycles.py [ROOT]   (default: the repository root)
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

Module = tuple[str, ...]


def strip_comments_and_strings(text: str) -> str:
    """Blanks out comments, string and char literals so paths inside them are not seen."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        elif c == "r" and re.match(r'r#*"', text[i:]) and not (i and (text[i - 1].isalnum() or text[i - 1] == "_")):
            hashes = re.match(r'r(#*)"', text[i:]).group(1)
            end = text.find('"' + hashes, i + len(hashes) + 2)
            i = n if end < 0 else end + 1 + len(hashes)
            out.append('""')
        elif c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
            i += 1
            out.append('""')
        elif c == "'" and re.match(r"'(\\.|[^\\'])'", text[i:]):
            i += len(re.match(r"'(\\.|[^\\'])'", text[i:]).group(0))
        else:
            out.append(c)
            i += 1
    return "".join(out)


def drop_test_blocks(code: str) -> str:
    """Removes `#[cfg(test)] mod name { ... }` blocks (brace-matched)."""
    while True:
        m = re.search(r"#\[cfg\(test\)\]\s*(pub(\([^)]*\))?\s+)?mod\s+\w+\s*\{", code)
        if not m:
            return code
        depth, i = 1, m.end()
        while i < len(code) and depth:
            depth += {"{": 1, "}": -1}.get(code[i], 0)
            i += 1
        code = code[: m.start()] + code[i:]


def expand_use_tree(tree: str) -> list[str]:
    """`a::{b, c::{d, e}}` -> [`a::b`, `a::c::d`, `a::c::e`]."""
    tree = re.sub(r"\s+", "", tree)
    brace = tree.find("{")
    if brace < 0:
        return [re.sub(r"as\w+$", "", tree)] if tree else []
    prefix, inner = tree[:brace], tree[brace + 1 : tree.rfind("}")]
    parts, depth, start = [], 0, 0
    for i, c in enumerate(inner):
        depth += {"{": 1, "}": -1}.get(c, 0)
        if c == "," and depth == 0:
            parts.append(inner[start:i])
            start = i + 1
    parts.append(inner[start:])
    paths = []
    for part in parts:
        for sub in expand_use_tree(part):
            paths.append(prefix + sub if sub != "self" else prefix.rstrip(":"))
    return paths


class Crate:
    def __init__(self, src: Path):
        self.src = src
        self.files: dict[Module, Path] = {}
        for path in sorted(src.rglob("*.rs")):
            rel = path.relative_to(src).with_suffix("")
            parts = rel.parts
            if parts in (("lib",), ("main",)):
                module: Module = ()
            elif parts[-1] == "mod":
                module = tuple(parts[:-1])
            else:
                module = tuple(parts)
            if module and module[-1] == "tests" or parts[0] == "bin":
                continue
            self.files[module] = path
        self.code = {
            m: drop_test_blocks(strip_comments_and_strings(p.read_text(encoding="utf-8")))
            for m, p in self.files.items()
        }
        self.definitions: dict[str, list[Module]] = defaultdict(list)
        for module, code in self.code.items():
            for name in re.findall(
                r"\bpub(?:\([^)]*\))?\s+(?:async\s+)?(?:struct|enum|fn|type|trait|const|static|union)\s+(\w+)",
                code,
            ):
                self.definitions[name].append(module)

    def resolve(self, here: Module, path: str) -> Module | None:
        segments = [s for s in path.split("::") if s]
        if not segments:
            return None
        if segments[0] == "crate":
            base: list[str] = []
            segments = segments[1:]
        elif segments[0] in ("super", "self"):
            base = list(here)
            while segments and segments[0] in ("super", "self"):
                if segments.pop(0) == "super":
                    if not base:
                        return None
                    base.pop()
        else:
            return None
        module = tuple(base)
        while segments and module + (segments[0],) in self.files:
            module += (segments.pop(0),)
        if segments and segments[0] != "*":
            # An item: trace it to the file under `module` that defines it (re-exports).
            owners = [m for m in self.definitions.get(segments[0], []) if m[: len(module)] == module]
            if len(owners) == 1:
                module = owners[0]
        return module

    def references(self):
        """Yields (from module, to module, evidence) for every crate-internal path."""
        for module, code in self.code.items():
            paths = []
            for tree in re.findall(r"\buse\s+([^;]+);", code):
                paths.extend(expand_use_tree(tree))
            paths.extend(m.group(0) for m in re.finditer(r"\b(?:crate|super|self)(?:::\w+)+", code))
            for path in paths:
                target = self.resolve(module, path)
                if target is not None:
                    yield module, target, path


def cycles_of(crate: Crate) -> list[str]:
    edges: dict[Module, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for source, target, evidence in crate.references():
        common = 0
        while common < min(len(source), len(target)) and source[common] == target[common]:
            common += 1
        if common in (len(source), len(target)):
            continue  # an ancestor or a descendant
        parent = source[:common]
        a, b = source[common], target[common]
        edges[parent][a].setdefault(b, f"{crate.files[source].relative_to(crate.src.parent)}: {evidence}")

    problems = []
    for parent, graph in edges.items():
        for component in strongly_connected(graph):
            if len(component) < 2:
                continue
            where = "::".join(("crate",) + parent)
            lines = [f"  cycle in {crate.src.parent.name} {where}: {' ↔ '.join(sorted(component))}"]
            for a in sorted(component):
                for b, evidence in sorted(graph[a].items()):
                    if b in component:
                        lines.append(f"    {a} → {b}   ({evidence})")
            problems.append("\n".join(lines))
    return problems


def strongly_connected(graph: dict[str, dict[str, str]]) -> list[set[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[set[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            result.append(component)

    nodes = set(graph) | {w for targets in graph.values() for w in targets}
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return result


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    sources = sorted(root.glob("crates/*/src")) + [root / "src-tauri" / "src"]
    problems = []
    for src in sources:
        if src.is_dir():
            problems.extend(cycles_of(Crate(src)))
    if problems:
        print("Module cycles (a module must not use a sibling that uses it back):")
        print("\n".join(problems))
        return 1
    print(f"No module cycles in {len(sources)} crates.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
