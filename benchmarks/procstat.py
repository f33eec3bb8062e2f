"""CPU time and resident memory of a few processes, read from /proc (Linux), for the load test.

`Monitor` samples every process it is given a few times a second, so that a process killed
mid-run still counts with the CPU it had used until its last sample, and so that the peak
of the processes' *total* memory is seen at one instant (their peaks need not coincide).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (all its threads), seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    """Resident memory of a process (VmRSS), MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def children(pid: int) -> list[int]:
    """The direct children of a process (nginx's workers under its master)."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class Monitor(threading.Thread):
    """Samples CPU and RSS of ``pids`` every ``period`` seconds until `stop`.

    ``cpu[pid]`` is the process's CPU seconds at its last sample (kept after it dies),
    ``rss[pid]`` its latest RSS, ``peak[pid]`` its peak, ``peak_total`` the peak of the sum,
    ``history`` every sample's (time.monotonic(), CPU seconds of all the processes).
    """

    def __init__(self, pids: list[int], period: float = 0.25):
        super().__init__(daemon=True)
        self.pids, self.period, self._halt = list(pids), period, threading.Event()
        self.cpu = {pid: 0.0 for pid in self.pids}
        self.rss = {pid: 0.0 for pid in self.pids}
        self.peak = {pid: 0.0 for pid in self.pids}
        self.peak_total = 0.0
        self.history: list[tuple[float, float]] = []
        self._lock = threading.Lock()
        self.sample()

    def sample(self) -> None:
        with self._lock:
            for pid in self.pids:
                try:
                    self.cpu[pid], self.rss[pid] = cpu_seconds(pid), rss_mib(pid)
                except (OSError, ValueError, IndexError):  # gone: keep its last figures
                    self.rss[pid] = 0.0
                    continue
                self.peak[pid] = max(self.peak[pid], self.rss[pid])
            self.peak_total = max(self.peak_total, sum(self.rss.values()))
            self.history.append((time.monotonic(), sum(self.cpu.values())))

    def cpu_total(self) -> float:
        self.sample()
        return sum(self.cpu.values())

    def reset_peaks(self) -> None:
        """Start the peaks afresh from the current figures (a new phase)."""
        self.sample()
        with self._lock:
            self.peak = dict(self.rss)
            self.peak_total = sum(self.rss.values())

    def run(self) -> None:
        while not self._halt.wait(self.period):
            self.sample()

    def stop(self) -> None:
        self._halt.set()
        self.join()
        self.sample()
