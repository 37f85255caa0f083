"""`make lab`, the README's "run it on your machine": a working JupyterLab on the first chapter.

The command makes ``.venv-lab`` (requirements-lab.txt: the reader's packages and
JupyterLab) and starts JupyterLab on ``notebooks/regularization.ipynb``. Here it runs as a
server with no browser; the test asks the server for the notebook and a kernel, as the
browser would, and runs the notebook top to bottom in that environment.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from toc import ROOT

pytestmark = pytest.mark.lab

FIRST = "notebooks/regularization.ipynb"
TOKEN = "why-lasso-test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(url: str, data: dict | None = None) -> dict:
    request = urllib.request.Request(
        url,
        data=None if data is None else json.dumps(data).encode(),
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
        method="GET" if data is None else "POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"{}")


def test_make_lab_opens_the_first_chapter_and_runs_it(tmp_path):
    port = free_port()
    args = f"--no-browser --port={port} --IdentityProvider.token={TOKEN} --ServerApp.ip=127.0.0.1"
    if os.geteuid() == 0:
        args += " --allow-root"  # CI runs as root; JupyterLab refuses root otherwise
    env = {**os.environ, "LAB_ARGS": args}
    log = open(tmp_path / "lab.log", "w")  # noqa: SIM115 (closed below, after the server)
    server = subprocess.Popen(
        ["make", "--no-print-directory", "lab"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 900  # a first run installs the environment
        while True:
            assert server.poll() is None, (tmp_path / "lab.log").read_text()[-3000:]
            try:
                call(f"{base}/api/status")
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "lab.log").read_text()[-3000:]
                time.sleep(2)
        # JupyterLab serves the folder of the notebook it opens: the chapters.
        listing = call(f"{base}/api/contents")
        names = {item["name"] for item in listing["content"]}
        assert {"regularization.ipynb", "ridge.ipynb"} <= names, names
        notebook = call(f"{base}/api/contents/regularization.ipynb")
        assert notebook["type"] == "notebook" and notebook["content"]["cells"]
        session = call(
            f"{base}/api/sessions",
            {"path": "regularization.ipynb", "type": "notebook", "kernel": {"name": "python3"}},
        )
        assert session["kernel"]["execution_state"] in ("starting", "idle", "busy")
    finally:
        if server.poll() is None:
            # SIGTERM, not SIGINT: a process started in the background by a non-interactive
            # shell (as CI may start this suite) inherits SIGINT ignored, and JupyterLab
            # then never stops; it handles SIGTERM itself, stopping its kernels too
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a busy machine: stop it, and reap it
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        log.close()

    # The same notebook, top to bottom, in the lab's environment.
    copy = tmp_path / "regularization.ipynb"
    shutil.copyfile(ROOT / FIRST, copy)
    done = subprocess.run(
        [str(ROOT / ".venv-lab" / "bin" / "jupyter"), "execute", "--inplace", str(copy)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    cells = json.loads(copy.read_text())["cells"]
    outputs = [o for c in cells if c["cell_type"] == "code" for o in c["outputs"]]
    assert outputs and not [o for o in outputs if o["output_type"] == "error"]
