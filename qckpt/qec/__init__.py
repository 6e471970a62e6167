"""Logical checkpoints for QEC runs: rounds as layers, a layer-by-layer
simulation (a test aid for the device), sliding-window decoding with
PyMatching and the decoder state it persists (``docs/logical.md``)."""
