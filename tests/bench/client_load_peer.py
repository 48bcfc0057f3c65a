#!/usr/bin/python3
"""The comparison peer of nes-client-load: the same flow (login through the
e-Devlet gateway with PKCE, catalogue, submission, SMS code from the outbox,
verification) written directly with aiohttp, as an integrator without the
SDK would write it. N applicants at once in one process and one event loop.

    client_load_peer.py PORTAL_URL CA_FILE OUTBOX PEOPLE_JSONL
"""
import asyncio
import base64
import hashlib
import json
import resource
import secrets
import ssl
import sys
import time
import urllib.parse

import aiohttp


def peak_rss_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def reset_peak_rss():
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")


def cpu_seconds():
    """(user, kernel) CPU seconds of this process."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime, usage.ru_stime


class Outbox:
    """Follows the portal's SMS outbox (JSON lines)."""

    def __init__(self, path):
        self.path = path
        self.offset = 0
        self.codes = {}

    async def code_for(self, application):
        for _ in range(10000):
            with open(self.path) as f:
                f.seek(self.offset)
                for line in f:
                    if not line.endswith("\n"):
                        break
                    self.offset += len(line.encode())
                    message = json.loads(line)
                    self.codes[message["application"]] = message["code"]
            if application in self.codes:
                return self.codes.pop(application)
            await asyncio.sleep(0.001)
        raise RuntimeError("no SMS code for " + application)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


async def apply(http, portal, info, person, outbox, sessions):
    started = time.monotonic()
    jar = aiohttp.CookieJar(unsafe=True)  # the portal is addressed by IP
    session = aiohttp.ClientSession(connector=http, connector_owner=False, cookie_jar=jar)
    sessions.append(session)
    login = info["login"]
    verifier = b64url(secrets.token_bytes(48))
    state = b64url(secrets.token_bytes(24))
    challenge = b64url(hashlib.sha256(verifier.encode()).digest())
    query = urllib.parse.urlencode({"response_type": "code", "client_id": login["client_id"],
                                    "redirect_uri": login["redirect_uri"], "state": state,
                                    "code_challenge": challenge, "code_challenge_method": "S256"})
    async with session.get(login["authorize_url"] + "?" + query) as r:
        r.raise_for_status()
        transaction = (await r.json())["login_request"]
    form = {"login_request": transaction, "tckn": person["tckn"], "password": person["password"]}
    async with session.post(login["authorize_url"], data=form, allow_redirects=False) as r:
        if r.status != 302:
            raise RuntimeError("login refused: %d" % r.status)
        location = urllib.parse.urlsplit(r.headers["Location"])
    params = urllib.parse.parse_qs(location.query)
    if params.get("state") != [state]:
        raise RuntimeError("state mismatch")
    body = {"code": params["code"][0], "code_verifier": verifier, "redirect_uri": login["redirect_uri"]}
    async with session.post(portal + "/api/v1/auth/session", json=body) as r:
        if r.status != 201:
            raise RuntimeError("session refused: %d" % r.status)
        csrf = (await r.json())["csrf_token"]
    async with session.get(portal + "/api/v1/institutions") as r:
        r.raise_for_status()
        catalogue = await r.json()
    institution = next(i for i in catalogue["institutions"] if i["id"] == person["institution"])
    submission = {"form": person["form"], "acknowledged_notices": [n["id"] for n in institution["notices"]]}
    headers = {"X-CSRF-Token": csrf, "Idempotency-Key": secrets.token_urlsafe(24)}
    async with session.post(portal + "/api/v1/applications", json=submission, headers=headers) as r:
        if r.status not in (200, 201):
            raise RuntimeError("submission refused: %d %s" % (r.status, await r.text()))
        application = await r.json()
    code = await outbox.code_for(application["id"])
    async with session.post(portal + "/api/v1/applications/%s/otp/verify" % application["id"],
                            json={"code": code}, headers={"X-CSRF-Token": csrf}) as r:
        if r.status != 200:
            raise RuntimeError("code refused: %d" % r.status)
        verified = await r.json()
    if verified["status"] != "awaiting_approval":
        raise RuntimeError("not verified")
    return time.monotonic() - started


async def main(portal, ca_file, outbox_file, people_file):
    with open(people_file) as f:
        people = [json.loads(line) for line in f]
    tls = ssl.create_default_context(cafile=ca_file)
    http = aiohttp.TCPConnector(ssl=tls, limit_per_host=64)
    async with aiohttp.ClientSession(connector=http, connector_owner=False) as plain:
        async with plain.get(portal + "/api/v1/info") as r:
            info = await r.json()
    outbox = Outbox(outbox_file)
    sessions = []
    reset_peak_rss()
    baseline = peak_rss_kib()
    cpu_before = cpu_seconds()
    started = time.monotonic()
    results = await asyncio.gather(*(apply(http, portal, info, p, outbox, sessions) for p in people),
                                   return_exceptions=True)
    wall = time.monotonic() - started
    user, kernel = (after - before for after, before in zip(cpu_seconds(), cpu_before))
    cpu = user + kernel
    peak = peak_rss_kib()
    for s in sessions:
        await s.close()
    await http.close()
    latencies = sorted(r for r in results if isinstance(r, float))
    failures = [r for r in results if not isinstance(r, float)]
    if failures:
        print("first failure:", repr(failures[0]), file=sys.stderr)
    n = len(latencies)

    def percentile(p):
        return latencies[int(p * (n - 1))] if n else 0.0

    print("Python aiohttp %s: %d concurrent applicants, login to verified code, one event loop"
          % (aiohttp.__version__, len(people)))
    print("  flows: %d ok, %d failed in %.2f s = %.1f flows/s" % (n, len(failures), wall, n / wall))
    print("  latency: p50 %.0f ms, p99 %.0f ms" % (percentile(0.5) * 1000, percentile(0.99) * 1000))
    print("  client CPU: %.2f s = %.3f ms per flow (user %.3f, kernel %.3f)"
          % (cpu, cpu / max(n, 1) * 1000, user / max(n, 1) * 1000, kernel / max(n, 1) * 1000))
    print("  peak RSS: baseline %d KiB, peak %d KiB = %.1f KiB per concurrent session"
          % (baseline, peak, (peak - baseline) / len(people)))
    print("RESULT python flows_per_s=%.1f cpu_ms_per_flow=%.3f kernel_ms_per_flow=%.3f kib_per_session=%.1f failed=%d"
          % (n / wall, cpu / max(n, 1) * 1000, kernel / max(n, 1) * 1000, (peak - baseline) / len(people),
             len(failures)))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main(*sys.argv[1:5])))
