#!/usr/bin/env python3
"""Runs every shell command of docs/TUTORIAL.md and docs/TUTORIAL.es.md, as
pasted, against a started shop, and checks each documented answer.

How the tutorials are read:
- Only ```sh blocks count, in order, in one bash session per tutorial (so
  variables such as B and T carry over), in a fresh scratch directory.
- A line ending in a backslash continues; `for ...` runs until `done`.
- A command's expected output is its trailing comment (two spaces, then
  `# `), or, when it has none, the comment lines right after it, one per
  output line. `…` stands for any text.
- A line that runs `cargo run` (with any VAR=value before it) (re)starts the
  shop instead, as the reader does in the shop's own terminal: the line runs
  in a fresh bash that shares only its folder with the curl shell (the
  scratch directory stands for the folder both terminals are opened in),
  with no ROCKET_* variable from outside, so a variable set in the curl
  shell is empty there, as it is for the reader. There `cargo run` is the
  release build in the debug profile, as `cargo run` serves it, on one free
  loopback port that stands in for http://127.0.0.1:8000 in commands and
  answers alike. A shop that does not start is a difference, with its log.

Usage: scripts/check-tutorials.py [tutorial.md ...]; exits non-zero on any
difference. Needs curl and openssl.
"""

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
BINARY = os.path.join(os.path.abspath(TARGET), "release", "session-shop")
DOC_BASE = "http://127.0.0.1:8000"
MARKER = "__tutorial_command_done__"
# `cargo run`, after any VAR=value (a value may be quoted or a `$(…)`).
STARTS_THE_SHOP = re.compile(
    r"^(?:[A-Z_]+=(?:'[^']*'|\$\([^)]*\)|\S+)\s+(?:\\\n\s*)?)*cargo run\b"
)


def units(markdown):
    """(command, expected lines or None) for each command of the sh blocks."""
    blocks = re.findall(r"^```sh\n(.*?)^```", markdown, flags=re.S | re.M)
    for block in blocks:
        lines = block.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            if not line.strip() or line.lstrip().startswith("#"):
                i += 1
                continue
            command = [line]
            if line.lstrip().startswith(("for ", "while ")):
                while not re.match(r"^\s*done\b", command[-1]):
                    i += 1
                    command.append(lines[i])
            else:
                while command[-1].endswith("\\"):
                    i += 1
                    command.append(lines[i])
            i += 1
            last = command[-1]
            expected = None
            cut = last.find("  # ")
            if cut >= 0:
                expected = [last[cut + 4:].strip()]
                command[-1] = last[:cut].rstrip()
            else:
                following = []
                while i < len(lines) and lines[i].startswith("# "):
                    following.append(lines[i][2:].strip())
                    i += 1
                expected = following or None
            yield "\n".join(command), expected


def matches(expected, got):
    pattern = ".*".join(re.escape(part) for part in expected.split("…"))
    return re.fullmatch(pattern, got) is not None


class Shop:
    """The release build, started and restarted on one port."""

    def __init__(self, scratch):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.scratch = scratch
        self.log = open(os.path.join(scratch, "shop.log"), "w")
        self.process = None
        self.mark = 0

    def start(self, line):
        """Runs the tutorial's `cargo run` line in a fresh shell in `scratch`,
        with `cargo run` standing for the release build."""
        self.stop()
        self.log.flush()
        self.mark = self.log.tell()
        env = {k: v for k, v in os.environ.items() if not k.startswith("ROCKET_")}
        env.update(
            ROCKET_PROFILE="debug",
            ROCKET_ADDRESS="127.0.0.1",
            ROCKET_PORT=str(self.port),
            ROCKET_LOG_LEVEL="critical",
        )
        # NOTE: the assignments before a function call are exported to what
        # it runs, so the shop sees exactly the variables the line sets.
        cargo = (
            'cargo() { [ "$*" = run ] || { echo "only a bare cargo run" >&2; return 2; }; '
            f"cd {shlex.quote(ROOT)} && exec {shlex.quote(BINARY)}; }}"
        )
        self.process = subprocess.Popen(
            ["bash", "--norc", "--noprofile", "-c", f"{cargo}\n{line}"],
            cwd=self.scratch,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=self.log,
        )
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base + "/health", timeout=1)
                return True
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        self.stop()
        return False

    def stop(self):
        if self.process is not None:
            if self.process.poll() is None:
                self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def log_since_start(self):
        """The first lines the last start wrote to the log."""
        self.log.flush()
        with open(self.log.name, encoding="utf-8", errors="replace") as log:
            log.seek(self.mark)
            return [line for line in log.read().splitlines() if line.strip()][:4]


class Bash:
    """One bash session; each command's standard output is read up to a
    marker."""

    def __init__(self, scratch):
        self.process = subprocess.Popen(
            ["bash", "--norc", "--noprofile"],
            cwd=scratch,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # NOTE: what a terminal shows of stderr (curl's progress meter
            # appears only when stdout is not a terminal) is not an answer.
            stderr=subprocess.DEVNULL,
            text=True,
        )

    def run(self, command):
        self.process.stdin.write(f"{command}\nprintf '\\n{MARKER}\\n'\n")
        self.process.stdin.flush()
        lines = []
        for line in self.process.stdout:
            if line.rstrip("\n") == MARKER:
                break
            lines.append(line.rstrip("\r\n"))
        while lines and not lines[-1].strip():
            lines.pop()
        return lines


def check(path):
    text = open(path, encoding="utf-8").read()
    scratch = tempfile.mkdtemp(prefix="tutorial-")
    shop, bash, failures, checked = Shop(scratch), Bash(scratch), [], 0
    try:
        for command, expected in units(text):
            command = command.replace(DOC_BASE, shop.base)
            if STARTS_THE_SHOP.match(command):
                checked += 1
                if not shop.start(command):
                    failures.append((command, ["the shop starts"], shop.log_since_start()))
                continue
            got = bash.run(command)
            if expected is None:
                continue
            checked += 1
            want = [line.replace(DOC_BASE, shop.base) for line in expected]
            if len(want) != len(got) or not all(map(matches, want, got)):
                failures.append((command, want, got))
    finally:
        shop.stop()
        bash.process.kill()
        shutil.rmtree(scratch, ignore_errors=True)
    for command, want, got in failures:
        print(f"{path}: `{command}`\n  expected: {want}\n  got:      {got}", file=sys.stderr)
    print(f"{path}: {checked} answers checked, {len(failures)} differ")
    return not failures


def main():
    for tool in ("curl", "openssl"):
        if shutil.which(tool) is None:
            raise SystemExit(f"check-tutorials: needs {tool} (apt-get install {tool})")
    subprocess.run(
        ["cargo", "build", "--release", "--bin", "session-shop"], cwd=ROOT, check=True
    )
    paths = sys.argv[1:] or [
        os.path.join(ROOT, "docs", "TUTORIAL.md"),
        os.path.join(ROOT, "docs", "TUTORIAL.es.md"),
    ]
    results = [check(path) for path in paths]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
