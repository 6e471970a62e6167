"""Restoration at run time: reading a shot's checkpoint log, resuming a shot
or a whole run from a boundary by replay, running split segments, and the
statistical check that resumed shots match uninterrupted ones
(``histogram_stats`` holds the distance and bound that check uses).
"""
