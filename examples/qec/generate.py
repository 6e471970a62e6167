"""Write the QEC memory workloads of examples/qec/ from stim's generators.

    python examples/qec/generate.py            # rewrites every file listed in SIZES

Each is ``stim.Circuit.generated(task, distance=d, rounds=3d)`` without
noise, imported into qc IR by ``qckpt.stim.importer`` (rounds as an
``scf.for``, detectors and the logical observable as ``ckpt`` ops). Noise is
the stim backend's ``--noise`` option; round ends are found by
``qec-recognize-rounds``.
"""

from __future__ import annotations

import pathlib

from qckpt.stim.importer import generated

HERE = pathlib.Path(__file__).parent
# (file stem, stim task, distances); rounds = 3 d, a common memory-experiment length.
SIZES = [
    ("repetition", "repetition_code:memory", (3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25)),
    ("surface", "surface_code:rotated_memory_z", (3, 5, 7, 9, 11)),
]


def main() -> None:
    for stem, task, distances in SIZES:
        for d in distances:
            head = f"// {task}, distance {d}, {3 * d} rounds: stim.Circuit.generated, imported by examples/qec/generate.py\n"
            (HERE / f"{stem}_d{d}.mlir").write_text(head + str(generated(task, d, 3 * d)) + "\n")


if __name__ == "__main__":
    main()
