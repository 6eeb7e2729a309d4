"""Executes one notebook through a Jupyter kernel and writes it with every output the kernel sent.

Used by `deno task report` in place of nbconvert's execution step (run with the Python that runs `jupyter`).
Deno's kernel reports a cell idle before it has sent the cell's last display messages, and nbconvert stops
reading at idle, so outputs went missing at random (DESIGN.md, "Lost outputs"). This executor:

- routes every iopub message to the cell whose execute request it answers (parent_header.msg_id), so a message
  that arrives late still lands in its own cell, never the next one;
- knows how many displays each cell made: lib/plot/kernel.ts appends one JSON line per display to the file
  named by MMM_DISPLAY_LOG before sending it. After a cell's execute_reply and idle, the executor keeps reading
  until every logged display has arrived (matched by update flag, display id, CRC-32 and length of the bundle),
  for at most --late-timeout seconds;
- when a display is still missing, runs the whole notebook once more in a fresh kernel; if it is missing again,
  it fails naming the cell;
- at the end checks each cell's outputs against the log;
- stops at the first cell with an error output (the report fails there anyway);
- echoes the text of progress displays (display ids starting "mmm-progress-") to stderr, at most once a second.

Output handling follows nbclient: stream, display_data, execute_result, error; update_display_data replaces
every output with that display id, in any cell; clear_output (also with wait=True). Consecutive stream outputs
of the same name are merged, as Jupyter's front ends show them.

usage: execute_notebook.py INPUT.ipynb OUTPUT.ipynb [--kernel deno] [--timeout 600] [--startup-timeout 120]
       [--late-timeout 30 (or env MMM_LATE_TIMEOUT)] [--label NAME]
Writes OUTPUT.ipynb (when every cell ran or one failed with an error output) and prints one JSON object on
stdout: {"status": "ok" | "incomplete" | "timeout" | "kernel_died" | "startup_failed", "message", "cell_number",
"cell_id", "missing", "attempts", "cells": [{"number", "id", "seconds", "displays", "updates", "outputs",
"late"}]} ("late": displays that arrived after the kernel reported the cell idle). Exit 0 when status is "ok",
1 otherwise. With MMM_EXECUTOR_RECORD set to a file, the same JSON (plus "notebook") is appended to it.
"""
import argparse
import collections
import json
import os
import queue
import signal
import sys
import tempfile
import time
import zlib

import nbformat
from jupyter_client.manager import KernelManager

PROGRESS_PREFIX = "mmm-progress-"


class ExecutionFailed(Exception):
    """A run that cannot give a complete notebook: status, what happened, and the cell it happened in."""

    def __init__(self, status, message, cell=None, missing=0):
        super().__init__(message)
        self.status = status
        self.cell = cell
        self.missing = missing


def bundle_key(update, display_id, data):
    """What identifies a display on both sides: lib/plot/kernel.ts computes the same CRC-32 and UTF-8 length
    over "mime\\nvalue\\n" for each MIME type in sorted order (non-string values contribute the name only)."""
    text = "".join(f"{k}\n{v if isinstance(v, str) else ''}\n" for k, v in sorted((data or {}).items()))
    raw = text.encode("utf-8", "replace")
    return (bool(update), display_id or None, f"{zlib.crc32(raw):08x}", len(raw))


class DisplayLog:
    """Reads the display log lines appended since the last read (lines are written whole, synchronously)."""

    def __init__(self, path):
        self.path = path
        self.offset = 0
        self.rest = b""
        open(path, "wb").close()

    def read_new(self):
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            chunk = f.read()
        self.offset += len(chunk)
        lines = (self.rest + chunk).split(b"\n")
        self.rest = lines.pop()
        entries = []
        for line in lines:
            if line.strip():
                e = json.loads(line)
                entries.append((bool(e.get("update")), e.get("display_id") or None, e["crc"], e["bytes"]))
        return entries


class Console:
    """Progress text on stderr: rewritten in place on a terminal, plain throttled lines otherwise."""

    def __init__(self, interval=1.0):
        self.interval = interval
        self.tty = sys.stderr.isatty()
        self.last = 0.0
        self.open_line = False
        self.unprinted = None

    def progress(self, text):
        text = " ".join(str(text).split())
        now = time.monotonic()
        if now - self.last < self.interval:
            self.unprinted = text
            return
        self._print(text)
        self.last = now

    def _print(self, text):
        line = f"  {text}"
        if self.tty:
            width = max(20, os.get_terminal_size(sys.stderr.fileno()).columns - 1)
            sys.stderr.write("\r\x1b[K" + line[:width])
            self.open_line = True
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()
        self.unprinted = None

    def cell_done(self):
        """Shows the last progress text that the throttle held back, then ends an in-place line."""
        if self.unprinted is not None:
            self._print(self.unprinted)
        if self.open_line:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.open_line = False


class CellState:
    def __init__(self, index, number, cell):
        self.index = index  # among the cells run
        self.number = number  # 1-based among all cells
        self.cell = cell
        self.expected = collections.Counter()  # logged displays not yet received
        self.unlogged = collections.defaultdict(list)  # displays received, not (yet) logged: key -> output or None
        self.logged_new = 0  # logged displays that add an output (not updates)
        self.logged_updates = 0
        self.logged_outputs = []  # the outputs that answered those
        self.cleared = False
        self.late = 0  # displays that arrived after the kernel reported the cell idle
        self.reply = None
        self.idle = False
        self.seconds = 0.0

    def missing(self):
        return sum(self.expected.values())

    def where(self):
        cid = self.cell.get("id")
        return f"cell {self.number}" + (f' (id "{cid}")' if cid else "")


class Execution:
    """One run of a notebook in a fresh kernel."""

    def __init__(self, nb, args, log_path, console):
        self.nb = nb
        self.args = args
        self.console = console
        self.log = DisplayLog(log_path)
        self.by_msg = {}
        self.states = []
        self.display_map = collections.defaultdict(list)  # display_id -> output nodes
        self.clear_pending = {}  # cell number -> wait=True clear not yet applied
        self.km = None
        self.kc = None
        self.kernel_stderr = None

    # -- kernel ----------------------------------------------------------------------------------------------
    def start(self):
        env = dict(os.environ)
        env["MMM_DISPLAY_LOG"] = self.log.path
        self.kernel_stderr = tempfile.TemporaryFile()
        self.km = KernelManager(kernel_name=self.args.kernel)
        try:
            self.km.start_kernel(
                env=env, cwd=os.path.dirname(os.path.abspath(self.args.input)),
                stdout=self.kernel_stderr, stderr=self.kernel_stderr,
            )
            self.kc = self.km.client()
            self.kc.start_channels()
            self.kc.wait_for_ready(timeout=self.args.startup_timeout)
        except Exception as error:  # noqa: BLE001 - any failure to start is reported the same way
            raise ExecutionFailed(
                "startup_failed",
                f"the {self.args.kernel!r} kernel did not start within {self.args.startup_timeout:g} s: "
                f"{error}{self.kernel_output()}",
            ) from None

    def kernel_output(self):
        if not self.kernel_stderr:
            return ""
        self.kernel_stderr.seek(0)
        lines = [
            line for line in self.kernel_stderr.read().decode("utf-8", "replace").splitlines()
            if line.strip() and "is unstable" not in line
        ]
        return ("\nkernel output:\n  " + "\n  ".join(lines[-10:])) if lines else ""

    def shutdown(self):
        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception:  # noqa: BLE001
                pass
        if self.km is not None:
            try:
                if self.km.has_kernel:
                    self.km.shutdown_kernel(now=True)
            except Exception:  # noqa: BLE001
                pass
        if self.kernel_stderr:
            self.kernel_stderr.close()
            self.kernel_stderr = None

    # -- messages --------------------------------------------------------------------------------------------
    def pump(self, timeout):
        """Handles every iopub message available within `timeout` seconds, then any shell reply."""
        wait = timeout
        while True:
            try:
                msg = self.kc.get_iopub_msg(timeout=wait)
            except queue.Empty:
                break
            self.handle(msg)
            wait = 0.001
        while True:
            try:
                reply = self.kc.get_shell_msg(timeout=0)
            except queue.Empty:
                break
            state = self.by_msg.get(reply["parent_header"].get("msg_id"))
            if state is not None:
                state.reply = reply
                if reply["content"].get("execution_count") is not None:
                    state.cell["execution_count"] = reply["content"]["execution_count"]

    def handle(self, msg):
        state = self.by_msg.get(msg["parent_header"].get("msg_id"))
        if state is None:
            return  # kernel start-up chatter, or a request that is not ours
        kind = msg["msg_type"]
        content = msg["content"]
        if kind == "status":
            if content.get("execution_state") == "idle":
                state.idle = True
            return
        if kind == "execute_input":
            if content.get("execution_count") is not None:
                state.cell["execution_count"] = content["execution_count"]
            return
        if kind == "clear_output":
            if content.get("wait"):
                self.clear_pending[state.number] = True
            else:
                self.clear(state)
            return
        if kind not in ("stream", "display_data", "execute_result", "error", "update_display_data"):
            return
        display_id = (content.get("transient") or {}).get("display_id")
        is_display = kind in ("display_data", "update_display_data")
        state.late += is_display and state.idle
        key = bundle_key(kind == "update_display_data", display_id, content.get("data")) if is_display else None
        owed = self.owed_by(state, key) if key is not None else None
        matched = owed is not None
        if matched:
            owed.expected[key] -= 1
            self.move_count(key, owed, state)
        if display_id and kind in ("display_data", "update_display_data", "execute_result"):
            self.update_display(display_id, content)
            if display_id.startswith(PROGRESS_PREFIX):
                text = (content.get("data") or {}).get("text/plain")
                if isinstance(text, str):
                    self.console.progress(text)
        if kind == "update_display_data":
            if not matched:
                state.unlogged[key].append(None)
            return
        if self.clear_pending.pop(state.number, False):
            self.clear(state)
        outputs = state.cell["outputs"]
        if kind == "stream" and outputs and outputs[-1].get("output_type") == "stream" \
                and outputs[-1].get("name") == content.get("name"):
            outputs[-1]["text"] += content.get("text", "")
            return
        out = nbformat.v4.output_from_msg(msg)
        outputs.append(out)
        if display_id:
            self.display_map[display_id].append(out)
        if matched and kind == "display_data":
            state.logged_outputs.append(out)
        elif key is not None and not matched:
            state.unlogged[key].append(out)

    def update_display(self, display_id, content):
        for out in self.display_map.get(display_id, []):
            out["data"] = nbformat.from_dict(content.get("data") or {})
            out["metadata"] = nbformat.from_dict(content.get("metadata") or {})

    def clear(self, state):
        gone = {id(o) for o in state.cell["outputs"]}
        state.cell["outputs"] = []
        state.cleared = True
        for display_id, outs in self.display_map.items():
            self.display_map[display_id] = [o for o in outs if id(o) not in gone]

    def neighbour(self, state, step):
        i = state.index + step
        return self.states[i] if 0 <= i < len(self.states) else None

    def owed_by(self, state, key):
        """The cell whose logged displays a message with this key answers: its own, or the next cell's when the
        log line was read in the next cell's window while the kernel still sent it with this cell's parent."""
        for candidate in (state, self.neighbour(state, 1)):
            if candidate is not None and candidate.expected[key] > 0:
                return candidate
        return None

    @staticmethod
    def move_count(key, source, owner):
        """A logged display counted in `source`'s window arrived in `owner` (the cell the kernel named)."""
        if source is not owner:
            if key[0]:
                source.logged_updates -= 1
                owner.logged_updates += 1
            else:
                source.logged_new -= 1
                owner.logged_new += 1

    def attribute_log(self, state):
        """Log lines written since the last read belong to the latest execute request (the kernel sends a
        display with the parent of the request it is running, or last ran); one whose message already arrived
        with the previous cell's parent stays with that cell."""
        new = self.log.read_new()
        for entry in new:
            if entry[0]:
                state.logged_updates += 1
            else:
                state.logged_new += 1
            candidates = (state, self.neighbour(state, -1))
            owner = next((c for c in candidates if c is not None and c.unlogged.get(entry)), None)
            if owner is None:
                state.expected[entry] += 1
                continue
            out = owner.unlogged[entry].pop(0)  # it arrived before we read its log line
            self.move_count(entry, state, owner)
            if out is not None:
                owner.logged_outputs.append(out)
        return len(new)

    # -- running ---------------------------------------------------------------------------------------------
    def run(self):
        self.start()
        previous = None
        for number, cell in enumerate(self.nb.cells, start=1):
            if cell.cell_type != "code":
                continue
            cell["outputs"] = []
            cell["execution_count"] = None
        for number, cell in enumerate(self.nb.cells, start=1):
            if cell.cell_type != "code":
                continue
            if previous is not None:
                self.attribute_log(previous)  # displays logged between cells belong to the one before
            state = CellState(len(self.states), number, cell)
            self.states.append(state)
            self.run_cell(state)
            previous = state
            if any(o.get("output_type") == "error" for o in cell["outputs"]):
                break
        if previous is not None:
            self.finish(previous)
        self.verify()

    def run_cell(self, state):
        start = time.monotonic()
        msg_id = self.kc.execute(
            "".join(state.cell.source) if isinstance(state.cell.source, list) else state.cell.source,
            store_history=True, allow_stdin=False, stop_on_error=False,
        )
        self.by_msg[msg_id] = state
        deadline = start + self.args.timeout
        late_deadline = None
        next_alive_check = start + 1.0
        while True:
            self.pump(0.02)
            now = time.monotonic()
            if state.reply is not None and state.idle:
                if self.attribute_log(state) == 0 and state.missing() == 0:
                    break
                late_deadline = late_deadline or now + self.args.late_timeout
                if now > late_deadline:
                    raise ExecutionFailed(
                        "incomplete", f"{state.missing()} of its outputs never arrived "
                        f"(waited {self.args.late_timeout:g} s after the kernel reported the cell done)",
                        state, state.missing(),
                    )
            elif now > deadline:
                try:
                    self.km.interrupt_kernel()
                except Exception:  # noqa: BLE001
                    pass
                raise ExecutionFailed(
                    "timeout", f"did not finish within {self.args.timeout:g} s (--timeout)", state,
                )
            if now > next_alive_check:
                next_alive_check = now + 1.0
                if not self.km.is_alive():
                    raise ExecutionFailed(
                        "kernel_died", f"the kernel died while running it{self.kernel_output()}", state,
                    )
        state.seconds = time.monotonic() - start
        self.console.cell_done()

    def finish(self, last):
        """After the last cell: wait for displays still owed to any cell, then a short grace for stragglers."""
        self.attribute_log(last)
        deadline = time.monotonic() + self.args.late_timeout
        while any(s.missing() for s in self.states):
            if time.monotonic() > deadline:
                s = next(s for s in self.states if s.missing())
                raise ExecutionFailed(
                    "incomplete", f"{s.missing()} of its outputs never arrived", s, s.missing(),
                )
            self.pump(0.02)
            self.attribute_log(last)
        grace = time.monotonic() + 0.2
        while time.monotonic() < grace:
            self.pump(0.02)
        self.console.cell_done()

    def verify(self):
        """Every logged display that adds an output is present in its cell (unless the cell cleared it)."""
        for s in self.states:
            if s.cleared:
                continue
            present = {id(o) for o in s.cell["outputs"]}
            have = sum(1 for o in s.logged_outputs if id(o) in present)
            if have != s.logged_new:
                raise ExecutionFailed(
                    "incomplete", f"the display log records {s.logged_new} displays, the executed "
                    f"notebook holds {have} of them", s, s.logged_new - have,
                )


def parse_args(argv):
    p = argparse.ArgumentParser(description="Execute a notebook, waiting for every logged display.")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--kernel", default="deno")
    p.add_argument("--timeout", type=float, default=600.0, help="seconds per cell")
    p.add_argument("--startup-timeout", type=float, default=120.0)
    p.add_argument("--late-timeout", type=float, default=float(os.environ.get("MMM_LATE_TIMEOUT") or 30),
                   help="seconds to wait, after a cell is reported done, for displays the log says it made "
                   "(default: MMM_LATE_TIMEOUT, else 30)")
    p.add_argument("--label", default="", help="the notebook's name in messages on stderr")
    return p.parse_args(argv)


def terminate(signum, _frame):
    """SIGTERM or SIGINT: leave through the `finally` blocks, which shut the kernel down (later signals are
    ignored, so that the shutdown is not cut short)."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise SystemExit(128 + signum)


def main(argv):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, terminate)
    console = Console()
    source = nbformat.read(args.input, as_version=4)
    result = {}
    logdir = tempfile.mkdtemp(prefix="mmm-display-log-")
    try:
        for attempt in (1, 2):
            nb = nbformat.from_dict(json.loads(json.dumps(source)))
            run = Execution(nb, args, os.path.join(logdir, f"attempt-{attempt}.jsonl"), console)
            try:
                run.run()
            except ExecutionFailed as failure:
                result = {"status": failure.status, "message": str(failure), "missing": failure.missing,
                          "attempts": attempt}
                if failure.cell is not None:
                    result.update(cell_number=failure.cell.number, cell_id=failure.cell.cell.get("id"))
                if failure.status == "incomplete" and attempt == 1:
                    sys.stderr.write(f"  {args.label or args.input}, {failure.cell.where()}: {failure}; "
                                     "running the notebook again in a fresh kernel\n")
                    continue
                break
            finally:
                console.cell_done()
                run.shutdown()
            nbformat.write(nb, args.output, version=4)
            result = {"status": "ok", "attempts": attempt, "cells": [
                {"number": s.number, "id": s.cell.get("id"), "seconds": round(s.seconds, 3),
                 "displays": s.logged_new, "updates": s.logged_updates, "outputs": len(s.cell["outputs"]),
                 "late": s.late}
                for s in run.states
            ]}
            break
    finally:
        for name in os.listdir(logdir):
            os.remove(os.path.join(logdir, name))
        os.rmdir(logdir)
    print(json.dumps(result))
    record = os.environ.get("MMM_EXECUTOR_RECORD")
    if record:  # for measuring: one line per notebook run
        with open(record, "a", encoding="utf-8") as f:
            f.write(json.dumps({"notebook": args.input, **result}) + "\n")
    return 0 if result["status"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
