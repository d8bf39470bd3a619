"""Dual-stack test server for the fwdocs behaviour proof (runs inside the server network namespace).

Listens on every given port for TCP (sends a banner naming the port, then closes) and UDP (echoes the datagram
with a prefix naming the port), on IPv4 and IPv6 at once. Prints "ready" when every socket is bound and exits by
itself after --seconds, so a lost test run cannot leave it behind for long. With "--bind ADDRESS" (repeatable) it
listens on each of those addresses apart instead of on all at once: a UDP reply then leaves from the address the
probe was sent to, which a host with several addresses per family (the peer of the outbound probes) needs, since
the probe only accepts a reply from the address it sent to.
"""
import resource
import selectors
import socket
import sys
import time


def listen(kind, port, address=None):
    fam = socket.AF_INET if address is not None and ":" not in address else socket.AF_INET6
    s = socket.socket(fam, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if fam == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0 if address is None else 1)
    s.bind(("::" if address is None else address, port))
    if kind == socket.SOCK_STREAM:
        s.listen(64)
    s.setblocking(False)
    return s


def main(argv):
    seconds = 300.0
    ports = []
    addresses = []
    it = iter(argv)
    for a in it:
        if a == "--seconds":
            seconds = float(next(it))
        elif a == "--bind":
            addresses.append(next(it))
        else:
            ports.append(int(a))
    # two sockets per port and address: raise the soft limit of open files as far as the hard one allows
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    sel = selectors.DefaultSelector()
    for p in sorted(set(ports)):
        for address in addresses or [None]:
            sel.register(listen(socket.SOCK_STREAM, p, address), selectors.EVENT_READ, ("tcp", p))
            sel.register(listen(socket.SOCK_DGRAM, p, address), selectors.EVENT_READ, ("udp", p))
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
