"""The parts of ``convert_throughput.py``: the workers that time one
conversion each (``workers``), how the targets are judged (``targets``), and
the Markdown section (``report``). The script itself is the command line and
the driver."""
