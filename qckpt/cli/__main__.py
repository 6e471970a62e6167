"""``python -m qckpt.cli``, as the tests and benchmarks call it."""

import sys

from qckpt.cli import main

sys.exit(main())
