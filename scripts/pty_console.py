"""A program run in a pseudo-terminal, as a double-click gives it a console window: used by
scripts/test-windows.sh to drive gyokaku.exe and the .bat launchers under wine (wait for a
prompt, type a line, press Enter, collect everything the console showed).
"""

import os
import pty
import select
import sys
import termios
import time


class Console:
    """A child process on a pseudo-terminal and all it has written so far."""

    def __init__(self, argv, enter_is_cr=False):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            if enter_is_cr:
                # Enter sends CR, as in a Windows console: no translation by the terminal.
                attrs = termios.tcgetattr(0)
                attrs[0] &= ~(termios.ICRNL | termios.INLCR | termios.IGNCR)
                termios.tcsetattr(0, termios.TCSANOW, attrs)
            os.execv(argv[0], argv)
        self.out = b""

    def read_until(self, marker, timeout):
        """Reads until `marker` has been shown (None: until the program closes the terminal);
        exits with the console's text when it does not come within `timeout` seconds."""
        end = time.time() + timeout
        while marker is None or marker.encode() not in self.out:
            if time.time() > end:
                self.dump()
                sys.exit(f"no {marker!r} on the console within {timeout} s")
            if select.select([self.fd], [], [], 1)[0]:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    return
                self.out += chunk

    def type_line(self, text=""):
        """Types `text` and presses Enter."""
        os.write(self.fd, text.encode() + b"\r")

    def has_exited(self):
        """Whether the program has ended (without waiting for it)."""
        finished, _ = os.waitpid(self.pid, os.WNOHANG)
        return finished != 0

    def dump(self):
        """Writes everything the console showed to standard output."""
        sys.stdout.buffer.write(self.out)

    def finish(self, timeout=120):
        """Reads to the end, writes the console's text and returns the exit code."""
        self.read_until(None, timeout)
        self.dump()
        return os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
