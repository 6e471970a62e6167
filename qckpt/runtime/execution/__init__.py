"""Running a program: the executor interface and its qir-runner backend, the
job that drives shots and commits their records, the ledger of what is done,
the failure taxonomy and the policy that reacts to failures, and progress
reporting. New backends add an executor module here.
"""
