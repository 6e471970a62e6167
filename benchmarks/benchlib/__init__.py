"""What the benchmark scripts share, so that each script holds only its measurement.

- ``circuits``: the OpenQASM 3 inputs, generated from fixed seeds;
- ``measure``: clocks, memory readings and child processes that report back;
- ``processes``: commands run one at a time, counted, and killed on cue;
- ``report``: the lines every report starts with, number formats, and the
  section of a Markdown file that each script owns.

Standard library only: a driver that imported anything heavy would add its
own RSS to every worker's ``ru_maxrss`` (Linux counts the parent's at fork).
"""
