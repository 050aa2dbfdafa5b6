"""Reads verified-source code with Python's own parser for `dlthub pipeline init`.

Input (stdin, JSON):
  {"mode": "describe", "modules": {"<name>": "<__init__.py text>"}}
      -> {"<name>": "<first line of the module docstring>"}
  {"mode": "adapt", "script": "<pipeline script>", "destination": "<name>", "modules": {"<path>": "<text>"}}
      -> {"script": "<script with destination= replaced>", "replaced": <int>,
          "secrets": {"<arg>": "text|int|bool"}, "config": {...}, "imports": ["<top-level module>", ...]}

As dlt init does: every `destination=` keyword of a `dlt.pipeline(...)` / `dlt.run(...)` call in the script
gets the chosen destination; arguments of `@dlt.source` / `@dlt.resource` functions whose default is
`dlt.secrets.value` / `dlt.config.value` are the keys the source needs.
"""

import ast
import json
import sys

DECORATORS = {"source", "resource", "transformer"}
PIPELINE_CALLS = {"pipeline", "run"}


def dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def first_doc_line(text):
    try:
        doc = ast.get_docstring(ast.parse(text))
    except SyntaxError:
        return ""
    return doc.strip().splitlines()[0] if doc and doc.strip() else ""


def placeholder_type(annotation):
    name = dotted(annotation) if annotation is not None else None
    if name in ("int",):
        return "int"
    if name in ("bool",):
        return "bool"
    return "text"


def required_keys(tree, secrets, config):
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        decorated = False
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            name = dotted(target) or ""
            if name.split(".")[-1] in DECORATORS:
                decorated = True
        if not decorated:
            continue
        positional = node.args.posonlyargs + node.args.args
        pairs = list(zip(positional[len(positional) - len(node.args.defaults):], node.args.defaults))
        pairs += [(arg, default) for arg, default in zip(node.args.kwonlyargs, node.args.kw_defaults) if default]
        for arg, default in pairs:
            kind = dotted(default)
            if kind == "dlt.secrets.value":
                secrets.setdefault(arg.arg, placeholder_type(arg.annotation))
            elif kind == "dlt.config.value":
                config.setdefault(arg.arg, placeholder_type(arg.annotation))


def imports_of(tree):
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def line_offsets(text):
    offsets = [0]
    for line in text.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line.encode("utf-8")))
    return offsets


def adapt(request):
    script = request["script"]
    tree = ast.parse(script)
    encoded = script.encode("utf-8")
    offsets = line_offsets(script)
    edits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = dotted(node.func) or ""
        if name.split(".")[-1] not in PIPELINE_CALLS or not name.startswith("dlt"):
            continue
        for keyword in node.keywords:
            if keyword.arg == "destination" and isinstance(keyword.value, ast.Constant):
                value = keyword.value
                start = offsets[value.lineno - 1] + value.col_offset
                end = offsets[value.end_lineno - 1] + value.end_col_offset
                edits.append((start, end, json.dumps(request["destination"]).encode("utf-8")))
    for start, end, replacement in sorted(edits, reverse=True):
        encoded = encoded[:start] + replacement + encoded[end:]
    adapted = encoded.decode("utf-8")
    ast.parse(adapted)

    secrets, config, imports = {}, {}, imports_of(tree)
    for path, text in sorted(request.get("modules", {}).items()):
        try:
            module = ast.parse(text, filename=path)
        except SyntaxError as error:
            raise SystemExit("%s:%s: %s" % (path, error.lineno, error.msg))
        required_keys(module, secrets, config)
        imports |= imports_of(module)
    return {
        "script": adapted,
        "replaced": len(edits),
        "secrets": secrets,
        "config": config,
        "imports": sorted(imports),
    }


def main():
    request = json.load(sys.stdin)
    if request["mode"] == "describe":
        result = {name: first_doc_line(text) for name, text in request["modules"].items()}
    else:
        try:
            result = adapt(request)
        except SyntaxError as error:
            raise SystemExit("line %s: %s" % (error.lineno, error.msg))
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
