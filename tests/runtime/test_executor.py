"""The qir-runner executor and the failure detector, on real qir-runner runs
and on fake backends that fail in each way the detector must see."""

from __future__ import annotations

import os
import selectors
import signal
import time

import pytest
from runtime_helpers import fake_backend

from qckpt.runtime.execution import failures
from qckpt.runtime.execution.executor import BackendUnavailable, Ended, QirRunnerExecutor, ShotDone, shot_outcome
from qckpt.runtime.qir_runner import run_qir


def drain(ex, timeout: float = 60.0):
    """All events of an execution, in order."""
    sel = selectors.DefaultSelector()
    sel.register(ex.fileno(), selectors.EVENT_READ)
    events = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sel.select(1.0)
        evs = ex.read()
        events += evs
        if any(isinstance(e, Ended) for e in evs):
            sel.close()
            return events
    ex.kill()
    raise AssertionError("execution did not end")


def test_streamed_shots_match_a_plain_qir_runner_run(programs):
    ex = QirRunnerExecutor().start(str(programs["rus-start"]), 500, 11)
    events = drain(ex)
    shots = [e for e in events if isinstance(e, ShotDone)]
    assert isinstance(events[-1], Ended) and events[-1].failure is None
    want = run_qir(programs["rus-start"], shots=500, seed=11)
    assert len(shots) == 500
    assert [s.key for s in shots] == [s.bitstring() for s in want.shots]
    # every shot of repeat-until-success visits its boundary at least once
    assert all(s.visits >= 1 for s in shots) and {s.shape for s in shots} == {(("c", 1), ("out", 1))}


def test_shot_outcome_reads_outputs_after_the_last_visit():
    text = (
        b"START\nMETADATA\tentry_point\n"
        b"OUTPUT\tTUPLE\t1\tqckpt.visit\nOUTPUT\tINT\t0\tqckpt.id\nOUTPUT\tBOOL\ttrue\tv0\nOUTPUT\tINT\t0\tqckpt.end\n"
        b"OUTPUT\tARRAY\t2\tc\nOUTPUT\tBOOL\ttrue\tc[0]\nOUTPUT\tBOOL\tfalse\tc[1]\nOUTPUT\tARRAY\t1\td\nOUTPUT\tBOOL\ttrue\td[0]\n"
    )
    s = shot_outcome(text)
    assert (s.key, s.visits, s.shape) == ("1 01", 1, (("c", 2), ("d", 1)))


def test_missing_binary_is_backend_unavailable(monkeypatch):
    monkeypatch.setenv("QCKPT_QIR_RUNNER", "/nonexistent/qir-runner")
    with pytest.raises(BackendUnavailable, match="not found at /nonexistent/qir-runner"):
        QirRunnerExecutor().check()


def test_binary_that_cannot_be_executed_is_backend_unavailable(tmp_path, programs):
    bad = tmp_path / "qir-runner"
    bad.write_bytes(b"\x7fELF garbage, not a program")
    bad.chmod(0o755)
    with pytest.raises(BackendUnavailable, match="cannot run qir-runner"):
        QirRunnerExecutor(str(bad)).start(str(programs["rus-start"]), 10, 1)


FAKES = {
    # name: (script body, failure kind, shots that finished before it)
    "exit-code": ("sys.stderr.write('boom: simulator crashed\\n'); sys.exit(3)\n", failures.EXIT, 0),
    "abort": (
        "sys.stdout.write('START\\nOUTPUT\\tARRAY\\t1\\tc\\nOUTPUT\\tBOOL\\ttrue\\tc[0]\\nEND\\t0\\nSTART\\n'); sys.stdout.flush()\n"
        "os.kill(os.getpid(), signal.SIGABRT)\n",
        failures.SIGNAL,
        1,
    ),
    "torn": ("sys.stdout.write('START\\nOUTPUT\\tARRAY\\t1\\tc\\n'); sys.stdout.flush()\n", failures.TORN_SHOT, 0),
    "missing-shots": (
        "sys.stdout.write('START\\nOUTPUT\\tARRAY\\t1\\tc\\nOUTPUT\\tBOOL\\ttrue\\tc[0]\\nEND\\t0\\n')\n",
        failures.MISSING_SHOTS,
        1,
    ),
    "missing-records": (
        "sys.stdout.write('START\\nOUTPUT\\tARRAY\\t2\\tc\\nOUTPUT\\tBOOL\\ttrue\\tc[0]\\nEND\\t0\\n'); sys.stdout.flush(); time.sleep(30)\n",
        failures.BAD_RECORDS,
        0,
    ),
    "end-code": ("sys.stdout.write('START\\nEND\\t1\\n'); sys.stdout.flush(); time.sleep(30)\n", failures.BAD_RECORDS, 0),
}


@pytest.mark.parametrize("name", sorted(FAKES))
def test_detector_names_each_failure(tmp_path, programs, name):
    body, kind, done = FAKES[name]
    ex = QirRunnerExecutor(fake_backend(tmp_path, name, body)).start(str(programs["rus-start"]), 5, 1)
    t0 = time.monotonic()
    end = drain(ex)[-1]
    assert time.monotonic() - t0 < 20  # a bad shot kills the backend at once; it does not wait for its sleep
    assert end.failure is not None, name
    assert end.failure.kind == kind, end.failure
    assert end.failure.shots_done == done
    if name == "exit-code":
        assert "boom: simulator crashed" in end.failure.detail  # stderr's last line is in the report
    if name in ("abort", "torn"):
        assert end.torn.startswith(b"START")


def test_kill_reaches_the_whole_process_group(tmp_path, programs):
    # the fake forks a grandchild; killing the execution must take both
    pidfile = tmp_path / "grandchild"
    body = f"p = subprocess.Popen(['sleep', '60']); open({str(pidfile)!r}, 'w').write(str(p.pid)); sys.stdout.write('START\\n'); sys.stdout.flush(); time.sleep(60)\n"
    ex = QirRunnerExecutor(fake_backend(tmp_path, "forks", body)).start(str(programs["rus-start"]), 1, 1)
    deadline = time.monotonic() + 10
    while not pidfile.exists() or not pidfile.read_text():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    grandchild = int(pidfile.read_text())
    ex.kill()
    end = drain(ex)[-1]
    assert end.failure.kind == failures.SIGNAL and "SIGKILL" in end.failure.detail
    deadline = time.monotonic() + 5
    while _running(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(grandchild), "a process the backend started outlived the kill"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_real_qir_runner_killed_mid_run_is_a_signal_failure(programs):
    ex = QirRunnerExecutor().start(str(programs["loop-start"]), 100000, 3)
    sel = selectors.DefaultSelector()
    sel.register(ex.fileno(), selectors.EVENT_READ)
    shots = 0
    while shots < 20:
        sel.select(5)
        shots += sum(isinstance(e, ShotDone) for e in ex.read())
    os.kill(ex.pid, signal.SIGKILL)
    rest = drain(ex)
    end = rest[-1]
    assert end.failure.kind == failures.SIGNAL
    assert end.failure.shots_done == shots + sum(isinstance(e, ShotDone) for e in rest)


def test_shot_outcome_in_final_record_mode():
    text = (
        b"START\nMETADATA\tentry_point\n"
        b"OUTPUT\tARRAY\t1\tc\nOUTPUT\tBOOL\ttrue\tc[0]\n"
        b"OUTPUT\tTUPLE\t1\tqckpt.last\nOUTPUT\tINT\t0\tqckpt.id\nOUTPUT\tINT\t3\tqckpt.visits\nOUTPUT\tBOOL\tfalse\tv0\n"
        b"OUTPUT\tTUPLE\t0\tqckpt.last\nOUTPUT\tINT\t1\tqckpt.id\nOUTPUT\tINT\t2\tqckpt.visits\n"
    )
    s = shot_outcome(text)
    assert (s.key, s.visits, s.shape) == ("1", 5, (("c", 1),))


def test_shot_outcome_fills_outputs_decided_before_the_boundary():
    # a resumed shot records placeholders for the output bits measured before its boundary;
    # restoration hands their values from the log, and the key must use them
    text = b"START\nOUTPUT\tARRAY\t2\tc\nOUTPUT\tBOOL\tfalse\tc[0]\nOUTPUT\tBOOL\ttrue\tc[1]\n"
    assert shot_outcome(text).key == "10"
    assert shot_outcome(text, {"c[0]": True}).key == "11"


def test_a_replay_that_gave_up_is_reported_not_counted(tmp_path, programs):
    body = "sys.stdout.write('START\\nOUTPUT\\tINT\\t0\\tqckpt.replay_failed\\nEND\\t3\\n'); sys.stdout.flush()\n"
    ex = QirRunnerExecutor(fake_backend(tmp_path, "replay-failed", body)).start(str(programs["rus-start"]), 1, 1)
    events = drain(ex)
    assert [type(e).__name__ for e in events] == ["ShotDone", "Ended"]
    assert events[0].replay_failed and events[1].failure is None
