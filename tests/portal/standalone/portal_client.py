"""A small, independent client of the NES application protocol for the tests
that run the standalone nes-portal: the kill -9 persistence test and the
Prism contract test. Python's standard library only (Debian's python3)."""

import base64
import hashlib
import http.client
import json
import os
import re
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse


class _HttpsToAddress(http.client.HTTPSConnection):
    """HTTPS to an address, verifying the certificate for a host name."""

    def __init__(self, address, port, server_hostname, context):
        super().__init__(server_hostname, port, context=context, timeout=30)
        self._address = address

    def connect(self):
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


class Http:
    """One request per connection, so that a killed server or a reset never
    leaves a half-used connection behind."""

    def __init__(self, host, port, ca_file=None, server_hostname="localhost"):
        self.host, self.port, self.server_hostname = host, port, server_hostname
        self.context = None
        if ca_file:
            self.context = ssl.create_default_context(cafile=ca_file)
            self.context.minimum_version = ssl.TLSVersion.TLSv1_2

    def request(self, method, path, body=None, headers=None):
        if self.context:
            conn = _HttpsToAddress(self.host, self.port, self.server_hostname, self.context)
        else:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            data = response.read()
            return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        finally:
            conn.close()


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def __repr__(self):
        return "HTTP %d %s" % (self.status, self.body[:300])


def pkce_pair():
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


class Applicant:
    """A person using the portal: gateway login, then calls with the session
    cookie and, on state changes, the CSRF token."""

    def __init__(self, portal, gateway, redirect_uri, credentials_gateway=None):
        self.portal, self.gateway, self.redirect_uri = portal, gateway, redirect_uri
        # Where the credentials go, when not to `gateway`: a proxy that
        # follows redirects would swallow the 302 that carries the code.
        self.credentials_gateway = credentials_gateway or gateway
        self.cookie = None
        self.csrf = None

    def _begin_login(self):
        """The gateway's login transaction: the PKCE verifier, the state, its answer and cookie."""
        verifier, challenge = pkce_pair()
        state = secrets.token_urlsafe(24)
        query = urllib.parse.urlencode({
            "response_type": "code", "client_id": "nes-portal", "redirect_uri": self.redirect_uri,
            "state": state, "code_challenge": challenge, "code_challenge_method": "S256"})
        started = self.gateway.request("GET", "/oauth2/authorize?" + query)
        assert started.status == 200, started
        return verifier, state, started, started.headers["set-cookie"].split(";")[0]

    def login_with_signature(self, sign):
        """e-imza login: `sign(document)` gives the CMS (DER) over the gateway's challenge."""
        verifier, state, started, gateway_cookie = self._begin_login()
        assert "e_signature" in started.json()["methods"], started
        login_request = urllib.parse.urlencode({"login_request": started.json()["login_request"]})
        document = self.gateway.request("GET", "/oauth2/esign/challenge?" + login_request,
                                        headers={"Cookie": gateway_cookie})
        assert document.status == 200, document
        posted = self.credentials_gateway.request("POST", "/oauth2/esign/login?" + login_request,
                                                  sign(document.body), {
                                                      "Content-Type": "application/pkcs7-signature",
                                                      "Cookie": gateway_cookie})
        assert posted.status == 302, posted
        params = urllib.parse.parse_qs(urllib.parse.urlparse(posted.headers["location"]).query)
        assert params["state"] == [state], "the gateway changed state"
        return self._open_session(params["code"][0], verifier)

    def login(self, tckn, password):
        verifier, state, started, gateway_cookie = self._begin_login()
        form = urllib.parse.urlencode({"login_request": started.json()["login_request"], "tckn": tckn,
                                       "password": password})
        posted = self.credentials_gateway.request("POST", "/oauth2/authorize", form, {
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": gateway_cookie})
        assert posted.status == 302, posted
        location = urllib.parse.urlparse(posted.headers["location"])
        params = urllib.parse.parse_qs(location.query)
        assert params["state"] == [state], "the gateway changed state"
        return self._open_session(params["code"][0], verifier)

    def _open_session(self, code, verifier):
        session = self.portal.request("POST", "/api/v1/auth/session", json.dumps({
            "code": code, "code_verifier": verifier, "redirect_uri": self.redirect_uri}),
            {"Content-Type": "application/json"})
        assert session.status == 201, session
        self.cookie = session.headers["set-cookie"].split(";")[0]
        self.csrf = session.json()["csrf_token"]
        return session

    def call(self, method, path, body=None, content_type="application/json", headers=None):
        all_headers = {"Cookie": self.cookie}
        if method != "GET":
            all_headers["X-CSRF-Token"] = self.csrf
        if body is not None:
            all_headers["Content-Type"] = content_type
            if not isinstance(body, (bytes, str)):
                body = json.dumps(body)
        all_headers.update(headers or {})
        return self.portal.request(method, path, body, all_headers)


def demo_form(tckn="10000000146"):
    forms = {
        "10000000146": ("Ayşe Gül", "Şahin", "0532 123 45 67", "yok-akademik"),
        "62601815964": ("İsmail", "Işık", "+90 505 987 92 90", "saglik-bakanligi"),
        "28609139020": ("Gülşen", "Ünal", "5051234567", "meb"),
        "53304452938": ("Elif", "Kaya", "5361112244", "ornek-universitesi"),
        "50394029002": ("Murat", "Çelik", "5372223355", "ornek-universitesi"),
    }
    first, last, mobile, institution = forms[tckn]
    return {
        "certificate": {"validity_years": 3, "card_reader": False, "publish_online": False},
        "identity": {"tckn": tckn, "first_name": first, "last_name": last, "mobile_phone": mobile,
                     "info_channel": "sms"},
        "institution": {"id": institution, "unit": "Bilgi İşlem Daire Başkanlığı", "work_phone": "0312 298 20 00"},
        "delivery": {"address_type": "work", "address_line": "Üniversiteler Mah. Dumlupınar Blv. No: 1",
                     "district": "Çankaya", "province": "Ankara", "postal_code": "06800"},
    }


# The demo time-stamp subscriber (examples/portal/tsa-subscribers.json).
TSA_CUSTOMER, TSA_PASSWORD = 1000, "Demo-ZD-Parola-1"
DEMO_PASSWORDS = {"10000000146": "Demo-Parola-1", "62601815964": "Demo-Parola-2", "18301661332": "Demo-Parola-3",
                  "28609139020": "Demo-Parola-4", "70308246202": "Demo-Parola-5", "67746370606": "Demo-Parola-6",
                  "53304452938": "Demo-Parola-7", "50394029002": "Demo-Parola-8", "87943454688": "Demo-Parola-9"}


class PortalProcess:
    """nes-portal as a child process, on the test PKI's TLS certificate."""

    SERVING = re.compile(r"serving https?://[^:]+:(\d+), e-Devlet gateway https?://localhost:(\d+)")

    def __init__(self, exe, data, pki, outbox, admin_token, extra=()):
        self.exe, self.data, self.pki, self.outbox = exe, data, pki, outbox
        self.admin_token, self.extra = admin_token, list(extra)
        self.process = None
        self.port = self.gateway_port = 0
        # The test PKI's TSA, unless the portal makes its own (--tsa-ca-out): only
        # then does it hold the TSA CA's key and answer for the TSA's status.
        self.tsa_ca = os.path.join(pki, "tsa-ca.pem")
        if "--tsa-ca-out" in self.extra:
            self.tsa_ca = self.extra[self.extra.index("--tsa-ca-out") + 1]

    def start(self, port=0, gateway_port=0):
        args = [self.exe, "--listen", "127.0.0.1:%d" % port, "--gateway-listen", "127.0.0.1:%d" % gateway_port,
                "--data", self.data, "--tls-cert", os.path.join(self.pki, "tls-server.pem"),
                "--tls-key", os.path.join(self.pki, "tls-server.key"),
                "--trust-ca", os.path.join(self.pki, "esign-ca.pem"), "--sms-outbox", self.outbox,
                "--admin-token", self.admin_token, "--trust-tsa-ca", os.path.join(self.pki, "tsa-ca.pem"),
                "--status-ca-cert", os.path.join(self.pki, "esign-ca.pem"),
                "--status-ca-key", os.path.join(self.pki, "esign-ca.key")]
        if "--tsa-cert" not in self.extra and "--tsa-ca-out" not in self.extra:
            args += ["--tsa-cert", os.path.join(self.pki, "tsa.pem"), "--tsa-key", os.path.join(self.pki, "tsa.key")]
        args += self.extra
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = self.process.stdout.readline()
        match = self.SERVING.search(line)
        if not match:
            raise RuntimeError("nes-portal did not start: " + line + self.process.stdout.read())
        self.port, self.gateway_port = int(match.group(1)), int(match.group(2))
        return self

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def tsa_args(self):
        """`nes apply`'s flags for this portal's time-stamping authority, as the
        demo subscriber (its password is TSA_PASSWORD, for $NES_TSA_PASSWORD)."""
        return ["--tsa", "https://127.0.0.1:%d/tsa" % self.port, "--tsa-customer", str(TSA_CUSTOMER), "--tsa-ca",
                self.tsa_ca]

    def validation_args(self):
        """`nes apply`'s flags for P3/P4's validation data: the test e-imza CA
        and this portal's OCSP responder."""
        return ["--signer-ca", os.path.join(self.pki, "esign-ca.pem"), "--ocsp", "https://127.0.0.1:%d/ocsp" % self.port]

    def tsa_environment(self):
        """The same for nes-run-driver, in its environment."""
        return {"NES_TSA_URL": "https://127.0.0.1:%d/tsa" % self.port, "NES_TSA_CUSTOMER": str(TSA_CUSTOMER),
                "NES_TSA_PASSWORD": TSA_PASSWORD, "NES_TSA_CA": self.tsa_ca}

    def portal(self):
        return Http("127.0.0.1", self.port, os.path.join(self.pki, "tls-ca.pem"))

    def gateway(self):
        return Http("127.0.0.1", self.gateway_port, os.path.join(self.pki, "tls-ca.pem"))

    def admin(self, method, path, body=None):
        headers = {"Authorization": "Bearer " + self.admin_token}
        if body is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(body)
        return self.portal().request(method, path, body, headers)


def sms_code(outbox, application, timeout=5.0):
    """The newest code for `application` in the SMS outbox (JSON lines)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code = None
        if os.path.exists(outbox):
            with open(outbox, encoding="utf-8") as lines:
                for line in lines:
                    message = json.loads(line)
                    assert set(message) == {"phone", "code", "application", "at"}, message
                    if message["application"] == application:
                        code = message["code"]
        if code:
            return code
        time.sleep(0.05)
    raise AssertionError("no SMS code for " + application)


def access_code(outbox, request):
    """The access code e-mailed for an officer's `request` (the e-mail outbox,
    JSON lines); the portal writes it before it answers the upload."""
    with open(outbox, encoding="utf-8") as lines:
        for line in lines:
            message = json.loads(line)
            assert set(message) == {"to", "access_code", "institution", "request", "at"}, message
            if message["request"] == request:
                return message["access_code"]
    raise AssertionError("no e-mail for " + request)


def otp_command(workdir, outbox):
    """A shell command for `nes apply --otp-command` (and `nes certificates
    suspend|unsuspend|revoke --otp-command`): prints the code for
    $NES_APPLICATION_ID (or $NES_CONFIRMATION_ID) from the SMS outbox."""
    script = os.path.join(workdir, "otp.py")
    with open(script, "w") as out:
        out.write("import os, sys\nsys.path.insert(0, %r)\nimport portal_client as pc\n"
                  "print(pc.sms_code(%r, os.environ.get('NES_APPLICATION_ID') or os.environ['NES_CONFIRMATION_ID']))\n"
                  % (os.path.dirname(os.path.abspath(__file__)), outbox))
    return "%s %s" % (sys.executable, script)


def sign_with_openssl(document, certificate, key, workdir, cades=True):
    """A detached CMS (DER) made by the openssl command, not by the SDK: CAdES-BES
    (`-cades`: signing-certificate-v2) by default, or a plain CMS. No policy: a
    portal that takes it runs with --signature-profile BES."""
    doc_path = os.path.join(workdir, "document.txt")
    sig_path = os.path.join(workdir, "signature.der")
    with open(doc_path, "wb") as out:
        out.write(document)
    subprocess.run(["openssl", "cms", "-sign", "-binary", "-in", doc_path, "-signer", certificate, "-inkey", key,
                    "-outform", "DER", "-out", sig_path, "-md", "sha256"] + (["-cades"] if cades else []), check=True)
    with open(sig_path, "rb") as signature:
        return signature.read()


def _der(tag, content):
    """One DER TLV (definite length)."""
    size = len(content)
    if size < 0x80:
        return bytes([tag, size]) + content
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + content


def _der_oid(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    body = bytearray()
    for arc in [arcs[0] * 40 + arcs[1]] + arcs[2:]:
        chunk = [arc & 0x7F]
        while arc > 0x7F:
            arc >>= 7
            chunk.insert(0, 0x80 | (arc & 0x7F))
        body += bytes(chunk)
    return _der(0x06, bytes(body))


def qualified_nes_extensions():
    """What `openssl x509 -extfile` adds to make a certificate a qualified NES as
    the SDK's signer checks it (nonRepudiation, a certificate policy, and the
    qcStatements ETSI QcCompliance, QcSSCD and BTK's NES statement), as the test
    PKI's qualified_nes does; the policy is the test PKI's, under X.660's example arc."""
    statements = b"".join(_der(0x30, _der_oid(oid))
                          for oid in ("0.4.0.1862.1.1", "0.4.0.1862.1.4", "2.16.792.1.61.0.1.5070.1.1"))
    return ("basicConstraints=CA:FALSE\nkeyUsage=critical,nonRepudiation,digitalSignature\n"
            "certificatePolicies=2.999.5070.1\nqcStatements=DER:%s\n" % _der(0x30, statements).hex())


def shipped(server, outbox, tckn, validity_days=None, completed=False, security_word=None):
    """`tckn`'s application (a demo registry person, their demo form, with
    `security_word` when given) by the wet route, paid, produced and shipped,
    its certificate issued (for `validity_days` instead of the form's years
    when given), and `completed` when asked (the card delivered: a renewal may
    then be applied for); its id."""
    info = server.portal().request("GET", "/api/v1/info").json()
    person = Applicant(server.portal(), server.gateway(), info["login"]["redirect_uri"])
    person.login(tckn, DEMO_PASSWORDS[tckn])
    form = {"form": demo_form(tckn), "acknowledged_notices": [n["id"] for n in notices_of(server, person, tckn)]}
    if security_word is not None:
        form["form"]["certificate"] = dict(form["form"]["certificate"], security_word=security_word)
    created = person.call("POST", "/api/v1/applications", form, headers={"Idempotency-Key": "shipped-" + tckn})
    assert created.status == 201, created
    app = created.json()["id"]
    assert person.call("POST", "/api/v1/applications/%s/otp/verify" % app,
                       {"code": sms_code(outbox, app)}).status == 200
    assert person.call("POST", "/api/v1/applications/%s/approval/wet-signature" % app).status == 200
    assert server.admin("POST", "/admin/v1/applications/%s/transitions" % app,
                        {"event": "wet_form_received"}).status == 200
    fee = server.portal().request("POST", "/api/v1/debt-inquiries", json.dumps({"tckn": tckn}),
                                  {"Content-Type": "application/json"}).json()["total"]
    ship = {"event": "shipped"}
    if validity_days is not None:
        ship["validity_days"] = validity_days
    events = [{"event": "payment_recorded", "amount_kurus": fee}, {"event": "production_started"}, ship]
    if completed:
        events.append({"event": "completed"})
    for event in events:
        moved = server.admin("POST", "/admin/v1/applications/%s/transitions" % app, event)
        assert moved.status == 200, (event, moved)
    return app


def notices_of(server, person, tckn):
    """The notices of `tckn`'s demo institution, to acknowledge."""
    institutions = person.call("GET", "/api/v1/institutions").json()["institutions"]
    wanted = demo_form(tckn)["institution"]["id"]
    return next(i for i in institutions if i["id"] == wanted)["notices"]
