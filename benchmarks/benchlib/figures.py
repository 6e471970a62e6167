"""Benchmark figures: small PNGs under docs/figures/ that the docs embed.

matplotlib (the ``plot`` extra) draws them headless; qckpt.plots.save
writes them, so benchmarks and ``qckpt plot`` share one output path."""

from __future__ import annotations

from pathlib import Path

from qckpt.plots import _pyplot, save

FIGURES = Path(__file__).resolve().parents[2] / "docs" / "figures"


def lines(path: Path, series: dict[str, tuple[list[float], list[float]]], xlabel: str, ylabel: str, title: str, log: bool = True) -> str:
    """One line per series (x, y), log-log by default."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5.5, 3.2))
    for label, (xs, ys) in series.items():
        ax.plot(xs, ys, marker="o", label=label)
    if log:
        ax.set_xscale("log")
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7)
    return save(fig, path)


def grouped_bars(path: Path, groups: list[str], series: dict[str, list[float]], ylabel: str, title: str) -> str:
    """Bars side by side per group, one colour per series."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5.5, 3.2))
    width = 0.8 / max(1, len(series))
    for k, (label, values) in enumerate(series.items()):
        ax.bar([i + k * width for i in range(len(groups))], values, width, label=label)
    ax.set_xticks([i + width * (len(series) - 1) / 2 for i in range(len(groups))], groups, fontsize=8)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7)
    return save(fig, path)
