"""Named exit codes, shared by every command."""
import enum


class ExitStatus(enum.IntEnum):
    OK = 0
    DRIFT = 1
    USAGE = 2
    BAD_INPUT = 3
    INTERNAL = 70  # a bug in citekit, not the user's input (sysexits' EX_SOFTWARE)
