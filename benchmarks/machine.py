"""The machine a benchmark ran on, printed with its figures: ratios measured on one machine
differ on another (the translation ratio was 4.5x on one 2-core machine and 8.7x on another),
so a figure quoted without its machine cannot be compared."""
from __future__ import annotations

import os
import platform
import sys


def describe() -> str:
    """"2 cores, AMD EPYC (virtual machine), Python 3.11.2, load average 0.80"."""
    name, virtual = platform.processor() or platform.machine(), False
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                key, _, value = line.partition(":")
                if key.strip() == "model name":
                    name = value.strip()
                elif key.strip() == "flags":
                    virtual = "hypervisor" in value.split()
                    break
    except OSError:  # not Linux: the platform's own name
        pass
    return (f"{os.cpu_count()} cores, {name}{' (virtual machine)' if virtual else ''}, "
            f"Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.2f}")
