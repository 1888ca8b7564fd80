#!/usr/bin/env python3
"""Stand-in for the AWS Amplify service: answers every request with 200 and {"apps": []}.

Usage: amplify-stub.py PORT [LOGFILE]
Binds 127.0.0.1:PORT only (PORT 0 = pick a free one). Prints "listening on 127.0.0.1:<port>"
on stdout once ready (flushed), so a caller can wait for that line. Each request is logged as
"METHOD PATH" to LOGFILE (if given) or stderr. Stop it with SIGTERM/SIGINT.
"""
import http.server
import signal
import sys

BODY = b'{"apps": []}'


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n:
            self.rfile.read(n)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(BODY)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _answer

    def log_message(self, fmt, *args):
        line = "%s %s\n" % (self.command, self.path)
        if LOG:
            with open(LOG, "a") as f:
                f.write(line)
        else:
            sys.stderr.write(line)


LOG = sys.argv[2] if len(sys.argv) > 2 else None

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: amplify-stub.py PORT [LOGFILE]")
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("listening on 127.0.0.1:%d" % srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        srv.server_close()
