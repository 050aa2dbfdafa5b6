"""Reads a dltHub workspace's Python modules statically with `ast` and prints what a deployment
manifest needs as JSON on stdout. Nothing of the user's code is imported or run.

Usage: python3 read_workspace_modules.py <workspace root> <entry file relative to the root>

Starting at the entry module, every local module it imports (transitively) is read. Values are
emitted in a small tagged form so the caller can give them meaning:
  JSON scalars                      literals
  {"k": "list"|"tuple", "items"}    sequences
  {"k": "dict", "entries": [[key, value], ...]}
  {"k": "qual", "name": "a.b.c"}    a name or attribute chain rooted in an import or a local def
  {"k": "call", "func", "args", "kwargs", "line"}
  {"k": "unknown", "line", "col", "source"}   anything that needs running the code
Module-level constants (a name assigned once at module level) are replaced by their value.
"""

import ast
import json
import os
import sys

SKIP_DIRS = {"site-packages", ".venv", "venv", ".tox", ".nox", "__pycache__", ".git", ".dlt"}
MAX_DEPTH = 20


class Module:
    def __init__(self, name, path, rel_path, tree, is_package):
        self.name = name
        self.path = path
        self.rel_path = rel_path
        self.tree = tree
        self.is_package = is_package
        # local name -> ("module", dotted) | ("symbol", module, name) | ("def", name) | ("assign", node)
        self.bindings = {}
        self.assign_counts = {}
        self.imports = []


class Reader:
    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.modules = {}
        self.errors = []

    # -- locating modules -------------------------------------------------------------------
    def module_file(self, dotted):
        parts = dotted.split(".")
        if any(part in SKIP_DIRS or not part.isidentifier() for part in parts):
            return None
        base = os.path.join(self.root, *parts)
        for candidate, is_package in ((base + ".py", False), (os.path.join(base, "__init__.py"), True)):
            if os.path.isfile(candidate):
                return candidate, is_package
        return None

    def load(self, dotted, path=None, is_package=False):
        if dotted in self.modules:
            return self.modules[dotted]
        if path is None:
            found = self.module_file(dotted)
            if found is None:
                return None
            path, is_package = found
        rel_path = os.path.relpath(path, self.root).replace(os.sep, "/")
        try:
            with open(path, "rb") as handle:
                source = handle.read()
            tree = ast.parse(source, filename=rel_path)
        except SyntaxError as error:
            self.errors.append(
                {"file": rel_path, "line": error.lineno or 1, "message": "syntax error: %s" % error.msg}
            )
            self.modules[dotted] = None
            return None
        except (OSError, UnicodeDecodeError, ValueError) as error:
            self.errors.append({"file": rel_path, "line": 1, "message": "cannot read: %s" % error})
            self.modules[dotted] = None
            return None
        module = Module(dotted, path, rel_path, tree, is_package)
        self.modules[dotted] = module
        self.bind(module)
        return module

    def absolute(self, module, node):
        if not node.level:
            return node.module or ""
        package = module.name.split(".")
        if not module.is_package:
            package = package[:-1]
        if node.level > 1:
            package = package[: len(package) - (node.level - 1)]
        return ".".join(package + ([node.module] if node.module else []))

    def bind(self, module):
        for node in module.tree.body:
            self.bind_statement(module, node)

    def bind_statement(self, module, node):
        if isinstance(node, ast.Import):
            for alias in node.names:
                module.imports.append(alias.name)
                if alias.asname:
                    module.bindings[alias.asname] = ("module", alias.name)
                else:
                    top = alias.name.split(".")[0]
                    module.bindings[top] = ("module", top)
        elif isinstance(node, ast.ImportFrom):
            source = self.absolute(module, node)
            module.imports.append(source)
            for alias in node.names:
                if alias.name == "*":
                    continue
                local = alias.asname or alias.name
                module.bindings[local] = ("symbol", source, alias.name)
                module.imports.append(source + "." + alias.name if source else alias.name)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            module.bindings[node.name] = ("def", node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    module.assign_counts[target.id] = module.assign_counts.get(target.id, 0) + 1
                    if node.value is not None:
                        module.bindings[target.id] = ("assign", node.value)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            module.assign_counts[node.target.id] = module.assign_counts.get(node.target.id, 0) + 2
        elif isinstance(node, (ast.If, ast.Try, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith)):
            if isinstance(node, ast.If) and is_main_guard(node):
                return
            # Names bound in loops, branches or blocks are not constants.
            for child in ast.walk(node):
                if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
                    module.assign_counts[child.id] = module.assign_counts.get(child.id, 0) + 2

    # -- values -----------------------------------------------------------------------------
    def unknown(self, node):
        try:
            text = ast.unparse(node)
        except Exception:  # pragma: no cover - unparse handles every node it parsed
            text = type(node).__name__
        return {"k": "unknown", "line": node.lineno, "col": node.col_offset + 1, "source": text}

    def qual_of_binding(self, module, local, node, depth):
        binding = module.bindings.get(local)
        if binding is None:
            return None
        kind = binding[0]
        if kind == "module":
            return {"k": "qual", "name": binding[1]}
        if kind == "def":
            return {"k": "qual", "name": module.name + "." + local, "line": node.lineno}
        if kind == "symbol":
            source, name = binding[1], binding[2]
            target = self.modules.get(source)
            if target is not None and depth < MAX_DEPTH and name in target.bindings:
                resolved = self.qual_of_binding(target, name, node, depth + 1)
                if resolved is not None:
                    return resolved
            return {"k": "qual", "name": (source + "." + name) if source else name}
        if kind == "assign":
            if module.assign_counts.get(local, 0) != 1 or depth >= MAX_DEPTH:
                return None
            return self.value(module, binding[1], depth + 1)
        return None

    def value(self, module, node, depth=0):
        if isinstance(node, ast.Constant):
            if isinstance(node.value, (str, int, float, bool)) or node.value is None:
                return node.value
            return self.unknown(node)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            if any(isinstance(item, ast.Starred) for item in node.elts):
                return self.unknown(node)
            kind = "tuple" if isinstance(node, ast.Tuple) else "list"
            return {"k": kind, "items": [self.value(module, item, depth) for item in node.elts]}
        if isinstance(node, ast.Dict):
            if any(key is None for key in node.keys):
                return self.unknown(node)
            return {
                "k": "dict",
                "entries": [
                    [self.value(module, key, depth), self.value(module, item, depth)]
                    for key, item in zip(node.keys, node.values)
                ],
            }
        if isinstance(node, ast.Name):
            resolved = self.qual_of_binding(module, node.id, node, depth)
            return resolved if resolved is not None else self.unknown(node)
        if isinstance(node, ast.Attribute):
            base = self.value(module, node.value, depth)
            if isinstance(base, dict) and base.get("k") == "qual":
                return {"k": "qual", "name": base["name"] + "." + node.attr, "line": node.lineno}
            return self.unknown(node)
        if isinstance(node, ast.Call):
            if any(isinstance(arg, ast.Starred) for arg in node.args) or any(
                keyword.arg is None for keyword in node.keywords
            ):
                return self.unknown(node)
            func = self.value(module, node.func, depth)
            if not (isinstance(func, dict) and func.get("k") == "qual"):
                return self.unknown(node)
            return {
                "k": "call",
                "func": func["name"],
                "args": [self.value(module, arg, depth) for arg in node.args],
                "kwargs": {keyword.arg: self.value(module, keyword.value, depth) for keyword in node.keywords},
                "line": node.lineno,
            }
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            operand = self.value(module, node.operand, depth)
            if isinstance(operand, (int, float)) and not isinstance(operand, bool):
                return -operand
            return self.unknown(node)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult)):
            left = self.value(module, node.left, depth)
            right = self.value(module, node.right, depth)
            numbers = all(isinstance(side, (int, float)) and not isinstance(side, bool) for side in (left, right))
            if numbers:
                if isinstance(node.op, ast.Add):
                    return left + right
                if isinstance(node.op, ast.Sub):
                    return left - right
                return left * right
            if isinstance(node.op, ast.Add) and isinstance(left, str) and isinstance(right, str):
                return left + right
            return self.unknown(node)
        if isinstance(node, ast.JoinedStr):
            parts = []
            for part in node.values:
                if isinstance(part, ast.Constant):
                    parts.append(str(part.value))
                    continue
                if isinstance(part, ast.FormattedValue) and part.conversion == -1 and part.format_spec is None:
                    inner = self.value(module, part.value, depth)
                    if isinstance(inner, (str, int)) and not isinstance(inner, bool):
                        parts.append(str(inner))
                        continue
                return self.unknown(node)
            return "".join(parts)
        return self.unknown(node)

    # -- module summary ---------------------------------------------------------------------
    def summary(self, module):
        functions = []
        assignments = {}
        dunders = {}
        all_value = None
        has_main = False
        for node in module.tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions.append(self.function(module, node))
            elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if not isinstance(target, ast.Name):
                        continue
                    if target.id.startswith("__") and target.id.endswith("__"):
                        entry = {"value": self.value(module, node.value), "line": node.lineno}
                        if target.id == "__all__":
                            all_value = entry
                        else:
                            dunders[target.id] = entry
                    elif isinstance(node.value, ast.Call):
                        assignments[target.id] = {"value": self.value(module, node.value), "line": node.lineno}
            elif isinstance(node, ast.If) and is_main_guard(node):
                has_main = True
        return {
            "file": module.rel_path,
            "doc": ast.get_docstring(module.tree),
            "all": all_value,
            "dunders": dunders,
            "functions": functions,
            "calls": assignments,
            "bindings": {
                local: list(binding[1:]) if binding[0] in ("module", "symbol") else None
                for local, binding in module.bindings.items()
                if binding[0] in ("module", "symbol", "def")
            },
            "imports": sorted(set(module.imports)),
            "has_main": has_main,
        }

    def decorator(self, module, node):
        value = self.value(module, node)
        if isinstance(value, dict) and value["k"] in ("qual", "call"):
            return dict(value, line=node.lineno)
        return self.unknown(node)

    def function(self, module, node):
        arguments = node.args
        positional = arguments.posonlyargs + arguments.args
        defaults = [None] * (len(positional) - len(arguments.defaults)) + list(arguments.defaults)
        params = []
        for arg, default in list(zip(positional, defaults)) + list(zip(arguments.kwonlyargs, arguments.kw_defaults)):
            params.append(
                {"name": arg.arg, "default": None if default is None else self.value(module, default), "has_default": default is not None}
            )
        return {
            "name": node.name,
            "line": node.lineno,
            "doc": ast.get_docstring(node),
            "decorators": [self.decorator(module, decorator) for decorator in node.decorator_list],
            "params": params,
            "is_async": isinstance(node, ast.AsyncFunctionDef),
        }


def is_main_guard(node):
    test = node.test
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and len(test.comparators) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == "__main__"
    )


def main(argv):
    root, entry = argv[1], argv[2]
    reader = Reader(root)
    entry_path = os.path.join(reader.root, entry)
    rel = os.path.relpath(entry_path, reader.root).replace(os.sep, "/")
    if not rel.endswith(".py") or not os.path.isfile(entry_path):
        json.dump({"error": "File not found: %s" % entry}, sys.stdout)
        return 1
    entry_name = rel[:-3].replace("/", ".")
    if entry_name.endswith(".__init__"):
        entry_name = entry_name[: -len(".__init__")]
    reader.load(entry_name, entry_path, os.path.basename(entry_path) == "__init__.py")
    # Breadth-first over local imports: a name imported from a package may itself be a submodule.
    queue = [entry_name]
    seen = {entry_name}
    while queue:
        module = reader.modules.get(queue.pop(0))
        if module is None:
            continue
        for dotted in module.imports:
            parts = dotted.split(".")
            for end in range(1, len(parts) + 1):
                candidate = ".".join(parts[:end])
                if candidate in seen:
                    continue
                if reader.module_file(candidate) is not None:
                    seen.add(candidate)
                    reader.load(candidate)
                    queue.append(candidate)
    modules = {name: reader.summary(module) for name, module in reader.modules.items() if module is not None}
    json.dump({"entry": entry_name, "modules": modules, "errors": reader.errors}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
