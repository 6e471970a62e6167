"""The 2x2 unitaries of one-qubit gates with constant parameters, their
principal square roots, and their U(theta, phi, lambda) angles: what
``ctrl(2 or more) @`` needs to decompose a gate without ancillas.

Apart from ``modifiers`` so that numpy (about 0.1 s to import) is loaded only
by a program that has such a gate, not by every conversion.
"""

from __future__ import annotations

import math

import numpy as np


def _u(theta: float, phi: float, lam: float) -> np.ndarray:
    c, s = math.cos(theta / 2), math.sin(theta / 2)
    return np.array([[c, -np.exp(1j * lam) * s], [np.exp(1j * phi) * s, np.exp(1j * (phi + lam)) * c]])


_FIXED = {
    "id": np.eye(2), "x": np.array([[0, 1], [1, 0]]), "y": np.array([[0, -1j], [1j, 0]]),
    "z": np.diag([1, -1]), "h": np.array([[1, 1], [1, -1]]) / math.sqrt(2),
    "sx": np.array([[1 + 1j, 1 - 1j], [1 - 1j, 1 + 1j]]) / 2, "sxdg": np.array([[1 - 1j, 1 + 1j], [1 + 1j, 1 - 1j]]) / 2,
}


def matrix(g: str, params: tuple) -> np.ndarray | None:
    """The 2x2 unitary of a one-qubit gate with constant parameters."""
    if not all(isinstance(x, (int, float)) for x in params):
        return None
    a = [float(x) for x in params]
    if g in _FIXED:
        return _FIXED[g].astype(complex)
    if g in ("u", "u3", "U"):
        return _u(*a)
    if g == "u2":
        return _u(math.pi / 2, *a)
    if g in ("p", "u1"):
        return np.diag([1, np.exp(1j * a[0])])
    if g == "rx":
        return _u(a[0], -math.pi / 2, math.pi / 2)
    if g == "ry":
        return _u(a[0], 0.0, 0.0)
    if g == "rz":
        return np.exp(-0.5j * a[0]) * np.diag([1, np.exp(1j * a[0])])
    return None


def principal_sqrt(m: np.ndarray) -> np.ndarray:
    w, vecs = np.linalg.eig(m)
    # m is unitary (normal), so its eigenvectors can be taken orthonormal.
    vecs, _ = np.linalg.qr(vecs)
    return vecs @ np.diag(np.sqrt(w)) @ vecs.conj().T


def u_angles(m: np.ndarray) -> tuple[float, float, float, float] | None:
    """(theta, phi, lambda, gamma) with m = e^{i gamma} U(theta, phi, lambda)."""
    a, b, c, d = m[0, 0], m[0, 1], m[1, 0], m[1, 1]
    theta = 2 * math.atan2(abs(c), abs(a))
    if abs(a) > 1e-9:
        gamma = float(np.angle(a))
        phi = float(np.angle(c)) - gamma if abs(c) > 1e-9 else 0.0
        lam = float(np.angle(d)) - gamma - phi
    else:
        gamma = float(np.angle(c))  # choose phi = 0
        phi = 0.0
        lam = float(np.angle(-b)) - gamma
    if not np.allclose(np.exp(1j * gamma) * _u(theta, phi, lam), m, atol=1e-9):
        return None  # pragma: no cover
    return theta, phi, lam, gamma
