"""A local Mosquitto broker on a free loopback port: for tests, the demo and a single-site install.

Persistence is on (queued QoS 1 messages of persistent sessions survive a restart), the
in-flight and queue limits are lifted (mosquitto's defaults, 20 in flight and 1,000 queued per
client, would drop data for a consumer that is offline for a few seconds at plant rates).

``python -m mamoru.telemetry.broker --dir DIR`` starts one detached and prints its URL;
``--stop DIR`` stops it (used by scripts/test).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

CONFIG = """\
listener {port} 127.0.0.1
allow_anonymous true
persistence true
persistence_location {dir}/
persistence_file mosquitto.db
autosave_interval 1
max_inflight_messages 1000
max_queued_messages 0
max_queued_bytes 0
log_dest file {dir}/mosquitto.log
user {user}
"""


def executable() -> str | None:
    return shutil.which("mosquitto") or next((p for p in ("/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto")
                                               if os.path.exists(p)), None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_listening(port: int, proc: subprocess.Popen | None, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"mosquitto exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"mosquitto did not listen on port {port}")


@dataclass
class Broker:
    """A running mosquitto; ``restart()`` stops it cleanly (it saves its queue) and starts it again."""

    directory: Path
    port: int
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"mqtt://127.0.0.1:{self.port}"

    def start(self, detached: bool = False) -> "Broker":
        exe = executable()
        if exe is None:
            raise RuntimeError("mosquitto is not installed (Debian: apt-get install mosquitto)")
        self.directory.mkdir(parents=True, exist_ok=True)
        conf = self.directory / "mosquitto.conf"
        import getpass

        # run as whoever started it: mosquitto started as root would otherwise drop to user
        # "mosquitto" and fail to write its persistence file in our directory
        conf.write_text(CONFIG.format(port=self.port, dir=self.directory, user=getpass.getuser()))
        self.proc = subprocess.Popen([exe, "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=detached)
        (self.directory / "mosquitto.pid").write_text(str(self.proc.pid))
        _wait_listening(self.port, self.proc)
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()


def start(directory: Path, port: int | None = None, detached: bool = False) -> Broker:
    return Broker(Path(directory), port or free_port()).start(detached=detached)


def stop_detached(directory: Path) -> None:
    pid_file = Path(directory) / "mosquitto.pid"
    if pid_file.exists():
        try:
            os.kill(int(pid_file.read_text()), signal.SIGTERM)
        except (ProcessLookupError, ValueError):
            pass


def main() -> None:
    parser = argparse.ArgumentParser(description="Start or stop a local mosquitto for mamoru.")
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--stop", action="store_true")
    args = parser.parse_args()
    if args.stop:
        stop_detached(Path(args.dir))
        return
    print(start(Path(args.dir), args.port, detached=True).url)


if __name__ == "__main__":
    main()
