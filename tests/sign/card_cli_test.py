#!/usr/bin/python3
"""`nes card list` with the virtual AKİS card in vpcd's first reader: the
text names the card type and ATR; the JSON agrees; once the card is out,
the reader shows no card.

    card_cli_test.py NES_PROGRAM VIRTUAL_CARD_SCRIPT
"""
import json
import subprocess
import sys
import time

READER = "Virtual PCD 00 00"


def card_list(nes, *extra):
    done = subprocess.run([nes, "card", "list", *extra], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done
    return done.stdout


def reader_state(nes):
    readers = json.loads(card_list(nes, "--json"))["readers"]
    return next(r for r in readers if r["reader"] == READER)


def wait_until(predicate, what):
    deadline = time.monotonic() + 10
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting: " + what
        time.sleep(0.1)


def main(nes, virtual_card):
    wait_until(lambda: not reader_state(nes)["card_present"], "an empty reader")
    card = subprocess.Popen([sys.executable, virtual_card], stdout=subprocess.DEVNULL)
    try:
        wait_until(lambda: reader_state(nes)["card_present"], "the card")
        state = reader_state(nes)
        assert state["card_type"] == "AKİS v1.2+", state
        assert state["atr"].startswith("3B 9F 96 81 31 FE 45 80 67 55 45 4B 41 45 12"), state
        text = card_list(nes)
        assert READER + "\n  kart: AKİS v1.2+\n  ATR:  3B 9F 96" in text, text
    finally:
        card.terminate()
        card.wait()
    wait_until(lambda: not reader_state(nes)["card_present"], "the card to go")
    assert READER + "\n  kart yok" in card_list(nes)
    english = card_list(nes, "--lang", "en")
    assert READER + "\n  no card" in english and "kart" not in english, english
    print("nes card list: the AKİS card seen, then gone")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
