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
  shop instead: the release build in the debug profile, as `cargo run`
  serves it, with those variables, on one free loopback port that stands
  in for http://127.0.0.1:8000 in commands and answers alike.

Usage: scripts/check-tutorials.py [tutorial.md ...]; exits non-zero on any
difference. Needs curl and openssl.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "session-shop")
DOC_BASE = "http://127.0.0.1:8000"
MARKER = "__tutorial_command_done__"


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
        self.log = open(os.path.join(scratch, "shop.log"), "w")
        self.process = None

    def start(self, variables):
        self.stop()
        env = dict(os.environ)
        env.update(variables)
        env.update(
            ROCKET_PROFILE="debug",
            ROCKET_ADDRESS="127.0.0.1",
            ROCKET_PORT=str(self.port),
            ROCKET_LOG_LEVEL="critical",
        )
        self.process = subprocess.Popen(
            [BINARY], cwd=ROOT, env=env, stdout=self.log, stderr=self.log
        )
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base + "/health", timeout=1)
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        raise SystemExit(f"the shop did not start with {variables}; see {self.log.name}")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


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

    def variables(self, assignments):
        """The ROCKET_* variables `assignments` set, evaluated by this shell."""
        out = self.run(f"{assignments} env | grep '^ROCKET_'")
        return dict(line.split("=", 1) for line in out if "=" in line)


def check(path):
    text = open(path, encoding="utf-8").read()
    scratch = tempfile.mkdtemp(prefix="tutorial-")
    shop, bash, failures, checked = Shop(scratch), Bash(scratch), [], 0
    try:
        for command, expected in units(text):
            command = command.replace(DOC_BASE, shop.base)
            run = re.match(r"^((?:[A-Z_]+=\S+\s+(?:\\\n\s*)?)*)cargo run\b", command)
            if run:
                shop.start(bash.variables(run.group(1).replace("\\\n", " ")))
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
