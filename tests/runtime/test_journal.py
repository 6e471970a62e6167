"""The record journal: frame format on disk, torn tails, sync interval, and
failures of the disk under it."""

from __future__ import annotations

import os
import random
import struct
import subprocess
import sys
import textwrap
import time
import zlib
from pathlib import Path

import pytest

from qckpt.diagnostics import QckptError
from qckpt.runtime.store.journal import HEADER_SIZE, Journal
from qckpt.testing.crash_worker import frame_payload
from qckpt.testing.faulty_os import FaultyOs, PowerLossOs, SimulatedCrash


def expected_frame(payload: bytes) -> bytes:
    """The frame format, written out independently of the implementation."""
    length = struct.pack("<I", len(payload))
    return b"QJF1" + length + struct.pack("<I", zlib.crc32(length + payload)) + payload


def expected_header() -> bytes:
    head = b"QCKPTJNL" + struct.pack("<HH", 1, 0)
    return head + struct.pack("<I", zlib.crc32(head))


def write_journal(path: Path, payloads: list[bytes]) -> None:
    with Journal.open(path, sync_interval=None) as j:
        for p in payloads:
            j.append(p)


def test_bytes_on_disk_follow_the_documented_format(tmp_path: Path) -> None:
    path = tmp_path / "j"
    payloads = [b"", b"OUTPUT\tRESULT\t1\tc0", os.urandom(1000)]
    write_journal(path, payloads)
    assert path.read_bytes() == expected_header() + b"".join(expected_frame(p) for p in payloads)
    rep = Journal.replay(path)
    assert rep == payloads and rep.clean and rep.end == path.stat().st_size


def test_append_buffers_and_sync_makes_durable(tmp_path: Path) -> None:
    path = tmp_path / "j"
    j = Journal.open(path, sync_interval=None)
    j.append(b"a")
    j.append(b"b")
    assert path.stat().st_size == HEADER_SIZE and j.synced_frames == 0 and j.frames == 2
    j.sync()
    assert Journal.replay(path) == [b"a", b"b"] and j.synced_frames == 2
    j.close()
    with pytest.raises(QckptError, match="is closed"):
        j.append(b"c")


def test_sync_interval_zero_writes_every_append(tmp_path: Path) -> None:
    path = tmp_path / "j"
    with Journal.open(path, sync_interval=0) as j:
        for k in range(5):
            j.append(bytes([k]))
            assert len(Journal.replay(path)) == k + 1


def test_an_idle_journal_is_synced_by_the_interval(tmp_path: Path) -> None:
    """The bound holds without further appends: the background syncer."""
    path = tmp_path / "j"
    with Journal.open(path, sync_interval=0.1) as j:
        t0 = time.monotonic()
        j.append(b"lonely record")
        assert len(Journal.replay(path)) == 0
        while len(Journal.replay(path)) == 0:
            assert time.monotonic() - t0 < 3, "the journal was not synced within the interval"
            time.sleep(0.01)
        assert time.monotonic() - t0 >= 0.09
        # the frame is written before it is fsynced and counted: on a loaded machine the replay can see it first
        while j.synced_frames == 0:
            assert time.monotonic() - t0 < 3, "the journal's sync did not finish"
            time.sleep(0.01)
        assert j.synced_frames == 1


def test_an_append_after_the_interval_syncs_inline(tmp_path: Path) -> None:
    path = tmp_path / "j"
    with Journal.open(path, sync_interval=0.05) as j:
        j._ensure_thread = lambda: None  # only the append-time check is left
        j.append(b"1")
        time.sleep(0.06)
        assert len(Journal.replay(path)) == 0
        j.append(b"2")
        assert Journal.replay(path) == [b"1", b"2"]


def test_every_truncation_of_the_tail_is_detected_and_dropped_on_reopen(tmp_path: Path) -> None:
    payloads = [b"first", b"second record", b"third, the one that gets torn"]
    good = tmp_path / "good"
    write_journal(good, payloads)
    full = good.read_bytes()
    last_start = len(full) - len(expected_frame(payloads[-1]))
    for cut in range(last_start + 1, len(full)):
        p = tmp_path / f"cut{cut}"
        p.write_bytes(full[:cut])
        rep = Journal.replay(p)
        assert rep == payloads[:2] and rep.torn_at == last_start and not rep.intact_after, cut
        assert p.stat().st_size == cut  # replay does not modify
        with Journal.open(p, sync_interval=None) as j:
            assert j.recovered is not None and j.recovered.offset == last_start
            assert j.recovered.dropped_bytes == cut - last_start
            assert p.stat().st_size == last_start
            j.append(b"after")
        assert Journal.replay(p) == [*payloads[:2], b"after"]


def test_every_bit_flip_in_the_last_frame_is_detected(tmp_path: Path) -> None:
    payloads = [b"keep me", b"flip me!"]
    good = tmp_path / "good"
    write_journal(good, payloads)
    full = good.read_bytes()
    start = len(full) - len(expected_frame(payloads[-1]))
    p = tmp_path / "flip"
    for pos in range(start, len(full)):
        for bit in (0x01, 0x80):
            raw = bytearray(full)
            raw[pos] ^= bit
            p.write_bytes(bytes(raw))
            rep = Journal.replay(p)
            assert rep == payloads[:1] and rep.torn_at == start, (pos, bit, rep.reason)


def test_corruption_before_intact_frames_is_reported_and_not_truncated(tmp_path: Path) -> None:
    p = tmp_path / "j"
    write_journal(p, [b"one", b"two", b"three", b"four"])
    raw = bytearray(p.read_bytes())
    second = HEADER_SIZE + len(expected_frame(b"one"))
    raw[second + 13] ^= 0xFF  # a byte of "two"'s payload
    p.write_bytes(bytes(raw))
    rep = Journal.replay(p)
    assert rep == [b"one"] and rep.torn_at == second and rep.reason == "crc32 mismatch" and rep.intact_after
    with pytest.raises(QckptError, match=rf"corrupt at byte {second} \(crc32 mismatch\) and intact frames follow; refusing"):
        Journal.open(p)
    assert p.read_bytes() == bytes(raw)


def test_a_zero_filled_tail_is_dropped(tmp_path: Path) -> None:
    p = tmp_path / "j"
    write_journal(p, [b"x"])
    with open(p, "ab") as f:
        f.write(b"\0" * 4096)
    rep = Journal.replay(p)
    assert rep == [b"x"] and rep.reason == "bad frame magic (zeros)"
    with Journal.open(p) as j:
        assert j.frames == 1
    assert Journal.replay(p).clean


def test_torn_or_zeroed_file_header_restarts_the_journal(tmp_path: Path) -> None:
    for junk in [b"QCKPT", b"\0" * 40]:
        p = tmp_path / "j"
        p.write_bytes(junk)
        with Journal.open(p) as j:
            assert j.recovered is not None and j.recovered.offset == 0 and j.frames == 0
            j.append(b"new")
        assert Journal.replay(p) == [b"new"]


def test_not_a_journal_and_journal_in_use(tmp_path: Path) -> None:
    p = tmp_path / "notes.txt"
    p.write_text("hello, this is not a journal at all")
    with pytest.raises(QckptError, match="is not a qckpt journal"):
        Journal.replay(p)
    with pytest.raises(QckptError, match="is not a qckpt journal"):
        Journal.open(p)
    with pytest.raises(QckptError, match="no journal at"):
        Journal.replay(tmp_path / "missing")
    q = tmp_path / "j"
    code = textwrap.dedent(
        """
        import sys, time
        from qckpt.runtime.store.journal import Journal
        j = Journal.open(sys.argv[1])
        print("open", flush=True)
        time.sleep(60)
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(q)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(QckptError, match="open for appending in another process"):
            Journal.open(q)
        assert Journal.replay(q) == []  # reading is fine
    finally:
        holder.kill()
        holder.wait()
    Journal.open(q).close()


@pytest.mark.parametrize("fault", ["enospc", "short-enospc", "eio"])
def test_a_failed_sync_cuts_back_and_can_be_retried(tmp_path: Path, fault: str) -> None:
    fos = FaultyOs()
    p = tmp_path / "j"
    j = Journal.open(p, sync_interval=None, oscalls=fos)
    j.append(b"durable")
    j.sync()
    size = p.stat().st_size
    j.append(b"A" * 10000)
    j.append(b"B" * 10)
    fos.arm(0, fault)  # the first write of the next sync
    with pytest.raises(QckptError, match=r"cannot sync journal .*: (No space left on device|Input/output error); 2 frame\(s\) are not durable"):
        j.sync()
    assert p.stat().st_size == size  # the partial write was cut back
    assert Journal.replay(p) == [b"durable"]
    j.sync()  # the disk has room again
    assert Journal.replay(p) == [b"durable", b"A" * 10000, b"B" * 10]
    j.close()


def test_a_failed_fsync_is_not_trusted(tmp_path: Path) -> None:
    fos = FaultyOs()
    p = tmp_path / "j"
    j = Journal.open(p, sync_interval=None, oscalls=fos)
    j.append(b"one")
    j.sync()
    j.append(b"two")
    fos.arm(1, "eio")  # step 0 is the write, step 1 the fsync
    with pytest.raises(QckptError, match="Input/output error"):
        j.sync()
    assert fos.fired is not None and fos.fired.op == "fsync"
    # the written-but-unsynced frame is gone from the file, kept in the buffer
    assert Journal.replay(p) == [b"one"] and j.synced_frames == 1 and j.frames == 2
    j.close()
    assert Journal.replay(p) == [b"one", b"two"]


def test_a_background_sync_failure_is_raised_at_the_next_call(tmp_path: Path) -> None:
    fos = FaultyOs()
    p = tmp_path / "j"
    j = Journal.open(p, sync_interval=0.05, oscalls=fos)
    fos.arm(0, "enospc")
    j.append(b"x")
    deadline = time.monotonic() + 3
    while j._error is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    with pytest.raises(QckptError, match="No space left on device"):
        j.append(b"y")
    # the syncer retries on its own once the error was reported: no append or close needed
    while Journal.replay(p) != [b"x"]:
        assert time.monotonic() < deadline + 3, "the background syncer did not retry"
        time.sleep(0.01)
    j.close()
    assert Journal.replay(p) == [b"x"]


def test_power_loss_keeps_every_synced_frame_and_never_a_corrupt_one(tmp_path: Path) -> None:
    """Crash at random steps under the power-loss model, with torn tails."""
    rng = random.Random(1234)
    for trial in range(40):
        root = tmp_path / f"t{trial}"
        root.mkdir()
        fos = PowerLossOs(root)
        synced = 0
        fos.arm(rng.randint(0, 60), "crash-mid-write" if trial % 2 else "crash")
        try:
            j = Journal.open(root / "j", sync_interval=None, oscalls=fos)
            seq = 0
            for _ in range(1000):
                for _ in range(rng.randint(1, 5)):
                    j.append(frame_payload(seq))
                    seq += 1
                j.sync()
                synced = j.synced_frames
            raise AssertionError("the armed crash never happened")
        except SimulatedCrash:
            pass
        after = tmp_path / f"after{trial}"
        fos.materialize(after, rng=rng)  # unsynced bytes may survive in part: torn tails
        if not (after / "j").exists():
            assert synced == 0
            continue
        rep = Journal.replay(after / "j")
        assert len(rep) >= synced, (trial, rep.reason)
        assert list(rep) == [frame_payload(k) for k in range(len(rep))]
        with Journal.open(after / "j") as j2:  # and it opens for appending
            assert j2.frames == len(rep)
