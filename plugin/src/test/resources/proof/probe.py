"""Probe client for the fwdocs behaviour proof (runs inside the client network namespace).

Reads one probe per line on stdin: "ID PROTO SRC DST PORT TIMEOUT [SPORT]" (PROTO tcp, udp or ping; PORT is ignored
for ping; SPORT, for udp, the source port to send from: 0 or in use, one the kernel picks), runs all probes in parallel and prints one line per probe: "ID OUTCOME DETAIL" where OUTCOME is "open"
(our server answered: a TCP banner or a UDP echo naming the port, or a ping reply) or "closed" (no answer in
time, refused, unreachable; DETAIL says which).
"""
import concurrent.futures
import errno
import socket
import subprocess
import sys


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def tcp(src, dst, port, timeout):
    s = socket.socket(family(dst), socket.SOCK_STREAM)
    try:
        s.settimeout(timeout)
        s.bind((src, 0))
        s.connect((dst, port))
        banner = s.recv(100)
        if banner.startswith(b"fwdocs-proof tcp %d\n" % port):
            return "open", "banner"
        return "closed", "unexpected-banner:" + banner.hex()
    finally:
        s.close()


def udp(src, dst, port, timeout, ident, sport):
    s = socket.socket(family(dst), socket.SOCK_DGRAM)
    try:
        s.settimeout(timeout)
        try:
            s.bind((src, sport))
        except OSError as e:
            if e.errno != errno.EADDRINUSE or sport == 0:
                raise
            s.bind((src, 0))
        s.connect((dst, port))
        token = b"probe-" + ident.encode()
        s.send(token)
        data = s.recv(2048)
        if data == b"fwdocs-proof udp %d " % port + token:
            return "open", "echo"
        return "closed", "unexpected-reply:" + data.hex()
    finally:
        s.close()


def ping(src, dst, timeout):
    cmd = ["ping", "-n", "-q", "-c", "1", "-W", str(max(1, int(round(timeout)))), "-I", src, dst]
    if ":" in dst:
        cmd.insert(1, "-6")
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout + 5)
    return ("open", "reply") if r.returncode == 0 else ("closed", "no-reply")


def run(line):
    fields = line.split()
    ident, proto, src, dst, port, timeout = fields[:6]
    sport = int(fields[6]) if len(fields) > 6 else 0
    port = int(port)
    timeout = float(timeout)
    try:
        if proto == "tcp":
            outcome = tcp(src, dst, port, timeout)
        elif proto == "udp":
            outcome = udp(src, dst, port, timeout, ident, sport)
        elif proto == "ping":
            outcome = ping(src, dst, timeout)
        else:
            outcome = ("error", "unknown-protocol")
    except socket.timeout:
        outcome = ("closed", "timeout")
    except ConnectionRefusedError:
        outcome = ("closed", "refused")
    except OSError as e:
        outcome = ("closed", errno.errorcode.get(e.errno, "oserror"))
    except Exception as e:  # noqa: BLE001 - report, never hang the harness
        outcome = ("error", type(e).__name__)
    return "%s %s %s" % (ident, outcome[0], outcome[1])


def main():
    lines = [l for l in sys.stdin.read().splitlines() if l.strip()]
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(64, len(lines)))) as pool:
        for out in pool.map(run, lines):
            print(out, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
