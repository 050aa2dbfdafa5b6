"""Job decorators of a dltHub workspace, read with Python's own parser (no code is run).

Input (stdin): a JSON list of Python file paths. Output (stdout): JSON
{"references": [{"file", "line", "profile"}], "problems": [{"file", "line", "message"}]}.

Only a `require={"profile": "<name>"}` keyword of a decorator that is a call counts: comments,
docstrings and strings that merely contain that text are not decorators.
"""
import ast
import json
import sys


def profile_of(call, path, problems):
    for keyword in call.keywords:
        if keyword.arg != "require" or not isinstance(keyword.value, ast.Dict):
            continue
        for key, value in zip(keyword.value.keys, keyword.value.values):
            if not (isinstance(key, ast.Constant) and key.value == "profile"):
                continue
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value, value.lineno
            problems.append({"file": path, "line": value.lineno,
                             "message": "the profile is not a string literal, so it cannot be read without running the code"})
    return None


def read(path, references, problems):
    try:
        with open(path, "rb") as handle:
            tree = ast.parse(handle.read(), filename=path)
    except SyntaxError as error:
        problems.append({"file": path, "line": error.lineno or 1, "message": "syntax error: %s" % error.msg})
        return
    except (OSError, ValueError) as error:
        problems.append({"file": path, "line": 1, "message": str(error)})
        return
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for decorator in node.decorator_list:
            if isinstance(decorator, ast.Call):
                found = profile_of(decorator, path, problems)
                if found:
                    references.append({"file": path, "line": found[1], "profile": found[0]})


def main():
    references, problems = [], []
    for path in json.load(sys.stdin):
        read(path, references, problems)
    references.sort(key=lambda ref: (ref["file"], ref["line"]))
    json.dump({"references": references, "problems": problems}, sys.stdout)


if __name__ == "__main__":
    main()
