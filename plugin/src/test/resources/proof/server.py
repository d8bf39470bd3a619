"""Dual-stack test server for the fwdocs behaviour proof (runs inside the server network namespace).

Listens on every given port for TCP (sends a banner naming the port, then closes) and UDP (echoes the datagram
with a prefix naming the port), on IPv4 and IPv6 at once. Prints "ready" when every socket is bound and exits by
itself after --seconds, so a lost test run cannot leave it behind for long.
"""
import selectors
import socket
import sys
import time


def listen(kind, port):
    s = socket.socket(socket.AF_INET6, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port))
    if kind == socket.SOCK_STREAM:
        s.listen(64)
    s.setblocking(False)
    return s


def main(argv):
    seconds = 300.0
    ports = []
    it = iter(argv)
    for a in it:
        if a == "--seconds":
            seconds = float(next(it))
        else:
            ports.append(int(a))
    sel = selectors.DefaultSelector()
    for p in sorted(set(ports)):
        sel.register(listen(socket.SOCK_STREAM, p), selectors.EVENT_READ, ("tcp", p))
        sel.register(listen(socket.SOCK_DGRAM, p), selectors.EVENT_READ, ("udp", p))
    print("ready", flush=True)
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return 0
        for key, _ in sel.select(timeout=min(left, 1.0)):
            proto, port = key.data
            try:
                if proto == "tcp":
                    conn, _ = key.fileobj.accept()
                    conn.settimeout(1.0)
                    conn.sendall(b"fwdocs-proof tcp %d\n" % port)
                    conn.close()
                else:
                    data, peer = key.fileobj.recvfrom(2048)
                    key.fileobj.sendto(b"fwdocs-proof udp %d " % port + data, peer)
            except OSError:
                pass


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
