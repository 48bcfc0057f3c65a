#!/usr/bin/python3
"""A virtual smart card for the vsmartcard vpcd reader driver of pcscd.

While this program runs, the card is in the reader; when it ends, the card
is out. It connects to vpcd (the reader's TCP port), presents an ATR and
answers every APDU with 6D00 (instruction not supported): enough for PC/SC
to see and identify the card, which is what the SDK's card reader code
does with it.

    virtual_card.py [--port 35963] [--atr "3B 9F 96 …"]

The default ATR is an AKİS v1.2 card's (historical bytes spell "UEKAE"),
with its check byte computed here.

vpcd's protocol: every message has a two-byte big-endian length. A
one-byte message is a control: 0 power off, 1 power on, 2 reset, 4 send
the ATR. Anything longer is an APDU, answered with a response APDU.
"""
import argparse
import signal
import socket
import struct
import sys
import time

AKIS_V12_WITHOUT_TCK = "3B 9F 96 81 31 FE 45 80 67 55 45 4B 41 45 12 93 31 80 73 B3 A1 80"
ATR_REQUEST = 4


def with_check_byte(atr):
    """T=1 ATRs end with TCK, the XOR of every byte after TS."""
    tck = 0
    for byte in atr[1:]:
        tck ^= byte
    return atr + bytes([tck])


def read_exactly(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def connect(port, deadline):
    while True:
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=2)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0x8C7B)
    parser.add_argument("--atr", help="the whole ATR in hex, check byte included")
    args = parser.parse_args()
    atr = bytes.fromhex(args.atr) if args.atr else with_check_byte(bytes.fromhex(AKIS_V12_WITHOUT_TCK))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    sock = connect(args.port, time.monotonic() + 10)
    sock.settimeout(None)
    print("inserted", flush=True)
    try:
        while True:
            (length,) = struct.unpack(">H", read_exactly(sock, 2))
            message = read_exactly(sock, length)
            if length == 1:
                if message[0] == ATR_REQUEST:
                    sock.sendall(struct.pack(">H", len(atr)) + atr)
                continue
            sock.sendall(struct.pack(">H", 2) + b"\x6d\x00")
    except EOFError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
