"""A real SMTP server for the tests (aiosmtpd): every message it accepts is written to the
directory given as the first argument, one file per message, before it answers 250. Prints
the port it listens on once it accepts connections."""
import os
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        path = os.path.join(self.directory, f"{n:06}.eml")
        with open(path + ".part", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(path + ".part", path)
        return "250 OK"


s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
controller = Controller(Keep(sys.argv[1]), hostname="127.0.0.1", port=port)
controller.start()
print(port, flush=True)
# Until the test kills it (or its stdin closes).
sys.stdin.read()
controller.stop()
