"""``python -m qckpt.testing worker STORE JOURNAL SEED [PERSISTENT] | fill-disk DIR``:
the entry points the kill -9 and full-disk tests run in a subprocess."""

from __future__ import annotations

import json
import sys

from qckpt.testing.crash_worker import run_fill_disk, worker


def main(argv: list[str]) -> int:
    if argv[:1] == ["worker"]:
        worker(argv[1], argv[2], int(argv[3]), argv[4] if len(argv) > 4 else None)
        return 0
    if argv[:1] == ["fill-disk"]:
        print(json.dumps(run_fill_disk(argv[1])))
        return 0
    print("usage: python -m qckpt.testing worker STORE JOURNAL SEED [PERSISTENT] | fill-disk DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
