"""The host's view of processes, for tests that show student code leaves none behind."""
import os


def running(*argv):
    """Live processes (not zombies) whose command line is exactly ``argv``."""
    alive = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")[:-1]
            state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if [c.decode(errors="replace") for c in cmd] == list(argv) and state != "Z":
            alive.append(int(pid))
    return alive
