"""Runs one dltHub job in this process: the launcher protocol of dlt's deployment launchers.

    python -u launcher.py --run-id <uuid> --trigger <trigger> --entry-point <json>

The runner has already set the run environment (WORKSPACE__PROFILE, JOBS__..., DLT_INTERVAL_*, PORT)
and chosen the interpreter (the project's uv environment when there is one). For decorated jobs and the
workspace dashboard, dlt's own launcher runs the job when dlt is installed, exactly as on the platform
(it checks the JobFactory and injects dlt's interval context). Otherwise, and for module and framework
jobs (whose dlt launchers only re-exec through `uv run`, which the runner has done already), this file
runs the job itself:

- a module job (`function` null): the module runs as `python -m <module>` would run it, so it needs an
  `if __name__ == "__main__":` block;
- a decorated job (`@run.job`, `@run.pipeline`, `@run.interactive`): the decorated object is called,
  with `run_context` when the function declares that parameter; coroutines are awaited.

Framework apps (marimo, Streamlit, FastMCP) start their own server on the run's port.
Standard library only.
"""

import argparse
import asyncio
import importlib
import importlib.util
import inspect
import json
import os
import runpy
import sys
from datetime import datetime


# dlt launchers that need dlt's internals; the others are done here.
DLT_LAUNCHED = ("job", "dashboard")


def parse_args(argv):
    parser = argparse.ArgumentParser(description="dltHub job launcher")
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--trigger", required=True)
    parser.add_argument("--entry-point", required=True)
    args = parser.parse_args(argv)
    args.entry_point = json.loads(args.entry_point)
    return args


def fail(message):
    sys.stderr.write("launcher: " + message + "\n")
    sys.exit(2)


def use_run_directory():
    # Modules of the workspace import each other by name, as with `python -m` from the workspace root.
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    sys.path.insert(0, os.getcwd())


def installed(module_name):
    try:
        return importlib.util.find_spec(module_name) is not None
    except (ImportError, ValueError):
        return False


def run_dlt_launcher(launcher, argv):
    sys.argv = [launcher] + argv
    runpy.run_module(launcher, run_name="__main__", alter_sys=True)


def parse_time(value):
    if not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def wants_run_context(function):
    try:
        return "run_context" in inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False


def run_decorated(entry_point, run_id, trigger):
    module_name = entry_point["module"]
    function_name = entry_point["function"]
    module = importlib.import_module(module_name)
    job = getattr(module, function_name, None)
    if job is None:
        fail("%s has no attribute %s" % (module_name, function_name))
    # dlt's JobFactory keeps the undecorated function as `_f`; a plain function is its own.
    function = getattr(job, "_f", job)
    kwargs = {}
    if wants_run_context(function):
        context = {"run_id": run_id, "trigger": trigger, "refresh": bool(entry_point.get("refresh"))}
        if entry_point.get("run_args"):
            context["run_args"] = entry_point["run_args"]
        start = parse_time(entry_point.get("interval_start"))
        end = parse_time(entry_point.get("interval_end"))
        if start is not None and end is not None:
            context["interval_start"] = start
            context["interval_end"] = end
        kwargs["run_context"] = context
    result = job(**kwargs)
    if inspect.iscoroutine(result):
        result = asyncio.run(result)
    if result is not None and serve_framework_object(result, entry_point):
        return
    if result is not None:
        print(result)


def serve_framework_object(result, entry_point):
    """A function that returns a FastMCP server is served over HTTP at /mcp on the run's port."""
    try:
        from fastmcp import FastMCP  # type: ignore
    except ImportError:
        return False
    if not isinstance(result, FastMCP):
        return False
    port = (entry_point.get("run_args") or {}).get("port")
    result.run(transport="http", host="127.0.0.1", port=port, path="/mcp")
    return True


def module_file(module_name):
    spec = importlib.util.find_spec(module_name)
    if spec is None or not spec.origin:
        fail("module %s not found in %s" % (module_name, os.getcwd()))
    return spec.origin


def exec_framework(launcher, entry_point):
    kind = launcher.rsplit(".", 1)[-1]
    module_name = entry_point["module"]
    run_args = entry_point.get("run_args") or {}
    port = str(run_args.get("port"))
    base_path = run_args.get("base_path") or ""
    package = {"marimo": "marimo", "streamlit": "streamlit", "mcp": "fastmcp"}[kind]
    if not installed(package):
        fail(
            "%s is not installed in the job's Python environment: add it to the workspace dependencies"
            " (pyproject.toml or requirements.txt)" % package
        )
    if kind == "mcp":
        module = importlib.import_module(module_name)
        for name in ("mcp", "server", "app"):
            server = getattr(module, name, None)
            if server is not None and hasattr(server, "run"):
                server.run(transport="http", host="127.0.0.1", port=int(port), path="/mcp")
                return
        fail("no FastMCP server (mcp, server or app) in module %s" % module_name)
    script = module_file(module_name)
    if kind == "marimo":
        argv = [sys.executable, "-m", "marimo", "run", script, "--host", "127.0.0.1", "--port", port]
        argv += ["--headless", "--no-token"] + (["--base-url", base_path] if base_path else [])
    else:
        argv = [sys.executable, "-m", "streamlit", "run", script, "--server.address=127.0.0.1"]
        argv += ["--server.port=" + port, "--server.headless=true", "--browser.gatherUsageStats=false"]
        argv += ["--server.baseUrlPath=" + base_path] if base_path else []
    sys.stdout.flush()
    os.execv(sys.executable, argv)


def main(argv):
    args = parse_args(argv)
    entry_point = args.entry_point
    launcher = entry_point.get("launcher") or ""
    use_run_directory()
    kind = launcher.rsplit(".", 1)[-1]
    if kind in DLT_LAUNCHED and installed(launcher):
        run_dlt_launcher(launcher, argv)
        return
    if kind in ("marimo", "streamlit", "mcp"):
        exec_framework(launcher, entry_point)
    elif entry_point.get("function"):
        run_decorated(entry_point, args.run_id, args.trigger)
    else:
        sys.argv = [entry_point["module"]]
        runpy.run_module(entry_point["module"], run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
