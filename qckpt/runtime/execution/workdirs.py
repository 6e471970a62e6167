"""The per-run work directories in the system's temporary directory
(``qckpt-run-PID-*``: the program file, bound start programs). A run removes
its own when it ends; one killed with SIGKILL cannot, so each run removes
those of processes that are gone."""

from __future__ import annotations

import os
import re
import shutil
import tempfile


def workdir_prefix(pid: int | None = None) -> str:
    return f"qckpt-run-{os.getpid() if pid is None else pid}-"


def remove_dead_workdirs(tmp: str | None = None) -> list[str]:
    """Remove the work directories (``qckpt-run-PID-*`` in the temporary
    directory) of runs whose process is gone: a kill -9 leaves them behind.
    Those of live processes, and names of another shape, are left alone."""
    tmp = tmp or tempfile.gettempdir()
    removed = []
    try:
        names = os.listdir(tmp)
    except OSError:
        return removed
    for n in names:
        m = re.match(r"^qckpt-run-(\d+)-", n)
        if not m or _pid_alive(int(m[1])):
            continue
        path = os.path.join(tmp, n)
        try:
            if os.stat(path).st_uid != os.getuid():
                continue  # another user's run: not ours to judge
        except OSError:
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
